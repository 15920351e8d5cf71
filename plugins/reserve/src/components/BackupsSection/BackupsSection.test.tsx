import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { entityBackups } from '../../__testUtils__/backups';
import { readyReport } from '../../__testUtils__/reports';
import { BackupsSection } from './BackupsSection';

const { policy } = readyReport;

describe('BackupsSection', () => {
  it('shows the timeline with the failed backup marked, the RPO, the schedule and the drills', async () => {
    await renderInTestApp(
      <BackupsSection backups={entityBackups()} policy={policy} />,
    );

    expect(
      screen.getByRole('img', { name: /checkout-6h-20260301000000/ }),
    ).toHaveAttribute('data-phase-class', 'failed');
    expect(
      screen.getByText(
        'Last 4 backups: 2 restore points, 1 partially failed, 1 failed',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('2 h old')).toBeInTheDocument();

    const schedules = screen
      .getByText('Schedules')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    expect(within(schedules).getByText('0 */6 * * *')).toBeInTheDocument();
    expect(within(schedules).getByText('Enabled')).toBeInTheDocument();
    expect(within(schedules).getByText(/^in 3 h|^in 4 h/)).toBeInTheDocument();

    const drills = screen
      .getByText('Restore drills')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    expect(
      within(drills).getByText('12 min (within the RTO of 30m)'),
    ).toBeInTheDocument();
  });

  it('shows a paused schedule as failing with its validation errors', async () => {
    const backups = entityBackups();
    backups.schedules[0] = {
      ...backups.schedules[0],
      state: 'failed-validation',
      phase: 'FailedValidation',
      nextRunAt: undefined,
      validationErrors: ['invalid schedule: expected 5 fields'],
    };
    await renderInTestApp(<BackupsSection backups={backups} policy={policy} />);

    expect(screen.getByText('Failed validation')).toBeInTheDocument();
    expect(
      screen.getByText('invalid schedule: expected 5 fields'),
    ).toBeInTheDocument();
    expect(screen.getByText('None while not enabled')).toBeInTheDocument();
  });

  it('says plainly when no schedule covers the service and Velero is missing', async () => {
    await renderInTestApp(
      <BackupsSection
        policy={policy}
        backups={entityBackups({
          schedules: [],
          backups: [],
          drills: [],
          problems: ['Velero is not installed on prod-fra'],
          rpo: {
            state: 'unknown',
            message: 'No backup covers the entity',
            target: policy.rpo,
          },
        })}
      />,
    );

    expect(
      screen.getByText(/No Velero schedule covers this service/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Velero is not installed on prod-fra'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No Velero backup covers this service yet.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No restore point')).toBeInTheDocument();
    expect(
      screen.getByText(/No restore drill recorded yet/),
    ).toBeInTheDocument();
  });
});
