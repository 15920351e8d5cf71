import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { CheckStateStatus } from './CheckStateStatus';

describe('CheckStateStatus', () => {
  it.each([
    ['pass', 'Status ok', 'Pass'],
    ['warn', 'Status warning', 'Warning'],
    ['fail', 'Status error', 'Fail'],
    ['unknown', 'Status pending', 'Unknown'],
    ['waived', 'Status aborted', 'Waived'],
    ['not-applicable', 'Status aborted', 'Not applicable'],
  ] as const)('shows %s as %s', async (state, icon, label) => {
    await renderInTestApp(<CheckStateStatus state={state} />);
    expect(screen.getByLabelText(icon)).toHaveTextContent(label);
  });

  it('never shows an unknown check in green', async () => {
    await renderInTestApp(<CheckStateStatus state="unknown" />);
    expect(screen.queryByLabelText('Status ok')).not.toBeInTheDocument();
  });
});
