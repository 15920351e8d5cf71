import { lightTheme } from '@backstage/theme';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { statusIconFill } from '../../__testUtils__/renderedStyle';
import { CheckStateStatus } from './CheckStateStatus';

const { status } = lightTheme.palette;

describe('CheckStateStatus', () => {
  it.each([
    ['pass', 'Status ok', 'Pass', status.ok],
    ['warn', 'Status warning', 'Warning', status.warning],
    ['fail', 'Status error', 'Fail', status.error],
    ['unknown', 'Status pending', 'Unknown', status.aborted],
    ['waived', 'Status info', 'Waived', status.running],
    ['not-applicable', 'Status aborted', 'Not applicable', status.aborted],
  ] as const)(
    'shows %s as %s, labelled %s, in %s',
    async (state, icon, label, fill) => {
      await renderInTestApp(<CheckStateStatus state={state} />);
      const shown = screen.getByLabelText(icon);
      expect(shown).toHaveTextContent(label);
      expect(statusIconFill(shown)).toBe(fill);
    },
  );

  it('shows an unknown check in grey, never green nor in the amber of a warning', async () => {
    await renderInTestApp(<CheckStateStatus state="unknown" />);
    const fill = statusIconFill(screen.getByText('Unknown'));
    expect(fill).toBe(status.aborted);
    expect(fill).not.toBe(status.ok);
    expect(fill).not.toBe(status.warning);
    expect(fill).not.toBe(status.pending);
  });

  it('shows a waived check in another colour than an unknown one', async () => {
    await renderInTestApp(
      <>
        <CheckStateStatus state="waived" />
        <CheckStateStatus state="unknown" />
      </>,
    );
    expect(statusIconFill(screen.getByText('Waived'))).not.toBe(
      statusIconFill(screen.getByText('Unknown')),
    );
  });

  it('shows a label of its own in the state’s icon', async () => {
    await renderInTestApp(
      <CheckStateStatus state="fail" label="Backup too old" />,
    );
    expect(screen.getByLabelText('Status error')).toHaveTextContent(
      'Backup too old',
    );
  });
});
