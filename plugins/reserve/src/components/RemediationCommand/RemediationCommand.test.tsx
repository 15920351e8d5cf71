import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { RemediationCommand } from './RemediationCommand';

describe('RemediationCommand', () => {
  it('shows the command with a copy button', async () => {
    await renderInTestApp(
      <RemediationCommand command="kubectl --context reserve-ams -n shop scale deployment/api --replicas=4" />,
    );
    expect(
      screen.getByText(
        'kubectl --context reserve-ams -n shop scale deployment/api --replicas=4',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy remediation command' }),
    ).toBeInTheDocument();
  });
});
