import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { checkoutHistory, daysBefore } from '../../__testUtils__/history';
import {
  failedOverReport,
  notReadyReport,
  readyReport,
  unreachablePrimaryReport,
} from '../../__testUtils__/reports';
import { formatLocalTime } from '../../presentation/instants';
import { ReportSummary } from './ReportSummary';

describe('ReportSummary', () => {
  it('shows the verdict, score and the policy the checks applied', async () => {
    await renderInTestApp(<ReportSummary report={readyReport} />);
    expect(screen.getByText('Ready')).toBeInTheDocument();
    expect(screen.getByLabelText('Score')).toHaveTextContent('100 / 100');
    expect(screen.getByText('6:4')).toBeInTheDocument();
    expect(screen.getByText('4h')).toBeInTheDocument();
    expect(screen.getByText('30m')).toBeInTheDocument();
  });

  it('says which annotations were malformed', async () => {
    await renderInTestApp(
      <ReportSummary
        report={{
          ...readyReport,
          policy: {
            ...readyReport.policy,
            problems: [
              {
                annotation: 'kube-reserve.io/rpo',
                message: "'soon' is not a duration",
              },
            ],
          },
        }}
      />,
    );
    expect(screen.getByText('kube-reserve.io/rpo')).toBeInTheDocument();
    expect(screen.getByText(/'soon' is not a duration/)).toBeInTheDocument();
  });

  // A clock time as the browser's locale writes it: `14:02` or `02:02 PM`.
  const clock = String.raw`\d{1,2}:\d{2}(\s?[AP]M)?`;

  it('says first that the primary does not answer, since when and how old its data is', async () => {
    await renderInTestApp(<ReportSummary report={unreachablePrimaryReport} />);
    const situation = screen.getByRole('status');
    expect(situation).toHaveTextContent(
      new RegExp(`^prod-fra unreachable since ${clock}; last data ${clock}$`),
    );
    // Before the verdict and the score.
    const verdict = screen.getByText('At risk');
    expect(
      situation.compareDocumentPosition(verdict) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(
      screen.getByText('Could this service run from its reserve now?'),
    ).toBeInTheDocument();
  });

  it('says where a failed-over service serves from, since when and who failed it over', async () => {
    await renderInTestApp(<ReportSummary report={failedOverReport} />);
    expect(screen.getByRole('status')).toHaveTextContent(
      new RegExp(
        `^Serving from reserve-ams since ${clock} \\(failover by user:default/alice\\)$`,
      ),
    );
    expect(
      screen.getByText(
        'Is it healthy where it serves, and could it fail back?',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Left to do on prod-fra' }),
    ).toHaveTextContent(
      'Suspend CronJob checkout/checkout-abandoned-cart-reminder on prod-fra',
    );
  });

  it('says nothing before the verdict when the service is in no particular situation', async () => {
    await renderInTestApp(<ReportSummary report={readyReport} />);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('says since when a service has not been ready and for how long, the local time on hover', async () => {
    const history = checkoutHistory();
    await renderInTestApp(
      <ReportSummary report={notReadyReport} history={history} />,
    );
    const since = screen.getByText(/^Not ready since /);
    expect(since).toHaveTextContent(
      new RegExp(`^Not ready since .*${clock} \\(3 d\\)$`),
    );
    await userEvent.hover(since);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      formatLocalTime(history.notReadySince!),
    );
  });

  it('says "at least" when history reaches no further back than the failure', async () => {
    await renderInTestApp(
      <ReportSummary
        report={{ ...readyReport, verdict: 'unknown' }}
        history={{
          ...checkoutHistory(),
          notReadySince: daysBefore(new Date(), 12),
          notReadySinceComplete: false,
        }}
      />,
    );
    expect(screen.getByText(/^Not ready since at least /)).toHaveTextContent(
      /\(12 d\)$/,
    );
  });

  it('does not contradict a ready verdict with a history that lags the report', async () => {
    // The history was made before the report that found the service ready again.
    await renderInTestApp(
      <ReportSummary report={readyReport} history={checkoutHistory()} />,
    );
    expect(screen.getByText('Ready')).toBeInTheDocument();
    expect(screen.queryByText(/Not ready since/)).not.toBeInTheDocument();
  });

  it('shows the verdict without since when until the history has loaded', async () => {
    await renderInTestApp(<ReportSummary report={notReadyReport} />);
    expect(screen.getByText('Not ready')).toBeInTheDocument();
    expect(screen.queryByText(/Not ready since/)).not.toBeInTheDocument();
  });
});
