import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { readyReport } from '../../__testUtils__/reports';
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
});
