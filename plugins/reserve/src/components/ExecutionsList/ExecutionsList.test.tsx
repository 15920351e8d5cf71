import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { failoverExecution } from '../../__testUtils__/actions';
import { ExecutionsList } from './ExecutionsList';

describe('ExecutionsList', () => {
  it('shows who ran which action and how it ended', async () => {
    await renderInTestApp(
      <ExecutionsList
        loading={false}
        executions={[
          failoverExecution('failed', 'failed', {
            message: 'reserve-ams refused the patch',
          }),
        ]}
      />,
    );
    expect(screen.getByText('Executions')).toBeInTheDocument();
    expect(screen.getByText('failover')).toBeInTheDocument();
    expect(screen.getByText('alice')).toBeInTheDocument();
    expect(
      screen.getByText('failed: reserve-ams refused the patch'),
    ).toBeInTheDocument();
  });

  it('says when no action has run yet', async () => {
    await renderInTestApp(<ExecutionsList loading={false} executions={[]} />);
    expect(
      screen.getByText('No action has run on this service yet.'),
    ).toBeInTheDocument();
  });
});
