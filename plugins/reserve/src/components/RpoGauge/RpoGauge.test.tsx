import { renderInTestApp } from '@backstage/test-utils';
import { RpoStatus } from '@kube-reserve/plugin-reserve-common';
import { screen } from '@testing-library/react';
import { RpoGauge } from './RpoGauge';

const HOUR = 3_600_000;
const target = { ms: 4 * HOUR, text: '4h' };

describe('RpoGauge', () => {
  it('shows a recovery point within the RPO as passing, with both markers', async () => {
    const rpo: RpoStatus = {
      state: 'pass',
      message: 'The newest restore point is 2 h old; the RPO is 4h',
      target,
      recoveryPoint: {
        cluster: 'prod-fra',
        name: 'checkout-6h-1',
        startedAt: new Date(Date.now() - 2 * HOUR).toISOString(),
      },
      ageMs: 2 * HOUR,
      scheduleIntervalMs: 6 * HOUR,
    };
    await renderInTestApp(<RpoGauge rpo={rpo} />);

    expect(screen.getByText('2 h old')).toBeInTheDocument();
    expect(screen.getByLabelText('Status ok')).toBeInTheDocument();
    expect(screen.getByRole('meter')).toHaveAttribute(
      'aria-valuetext',
      '2 h old, RPO 4h',
    );
    expect(screen.getByText('RPO 4h')).toBeInTheDocument();
    expect(screen.getByText('every 6 h')).toBeInTheDocument();
    expect(
      screen.getByText(/Newest restore point checkout-6h-1 on prod-fra/),
    ).toBeInTheDocument();
  });

  it('shows a recovery point older than the RPO as failing', async () => {
    await renderInTestApp(
      <RpoGauge
        rpo={{
          state: 'fail',
          message: 'The newest restore point is 3 d old; the RPO is 4h',
          target,
          recoveryPoint: {
            cluster: 'prod-fra',
            name: 'checkout-6h-0',
            startedAt: new Date(Date.now() - 72 * HOUR).toISOString(),
          },
          ageMs: 72 * HOUR,
        }}
      />,
    );
    expect(screen.getByText('3 d old')).toBeInTheDocument();
    expect(screen.getByLabelText('Status error')).toBeInTheDocument();
    expect(screen.queryByText(/^every/)).not.toBeInTheDocument();
  });

  it('says there is no restore point and shows it as unknown, not as passing', async () => {
    await renderInTestApp(
      <RpoGauge
        rpo={{
          state: 'unknown',
          message: 'Velero is not installed on prod-fra',
          target,
        }}
      />,
    );
    expect(screen.getByText('No restore point')).toBeInTheDocument();
    expect(screen.getByLabelText('Status pending')).toBeInTheDocument();
    expect(screen.queryByLabelText('Status ok')).not.toBeInTheDocument();
    expect(
      screen.getByText('Velero is not installed on prod-fra'),
    ).toBeInTheDocument();
  });
});
