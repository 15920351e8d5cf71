import { getCheckDefinition } from '@kube-reserve/plugin-reserve-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { CheckDetails } from './CheckDetails';

const definition = getCheckDefinition('parity.cronjobs');

describe('CheckDetails', () => {
  it('shows the evidence per cluster, why it matters and how to fix it', async () => {
    await renderInTestApp(
      <CheckDetails
        check={{
          definition,
          result: {
            id: 'parity.cronjobs',
            state: 'fail',
            message: 'CronJob invoices/send runs on both sides',
            clusters: [
              {
                cluster: 'reserve-ams',
                state: 'fail',
                message:
                  'CronJob invoices/send is not suspended on reserve-ams',
                evidence: ['invoices/send: suspend=false'],
              },
            ],
          },
        }}
      />,
    );
    expect(
      screen.getByText('CronJob invoices/send is not suspended on reserve-ams'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('invoices/send: suspend=false'),
    ).toBeInTheDocument();
    expect(screen.getByText(definition.rationale)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Documentation/ })).toHaveAttribute(
      'href',
      definition.docsUrl,
    );
  });

  it('leaves out the remediation of a passing check and shows a waiver', async () => {
    await renderInTestApp(
      <CheckDetails
        check={{
          definition,
          result: {
            id: 'parity.cronjobs',
            state: 'waived',
            message: 'Waived',
            clusters: [],
            waiver: {
              reason: 'reserve sends no mail',
              by: 'user:default/priya.raman',
              expiresAt: '2026-09-30T00:00:00Z',
            },
          },
        }}
      />,
    );
    expect(
      screen.getByText(
        /Waived by user:default\/priya.raman until 2026-09-30: reserve sends no mail/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('How to fix it')).toBeInTheDocument();

    await renderInTestApp(
      <CheckDetails
        check={{
          definition,
          result: {
            id: 'parity.cronjobs',
            state: 'pass',
            message: 'ok',
            clusters: [],
          },
        }}
      />,
    );
    expect(screen.getAllByText('How to fix it')).toHaveLength(1);
  });
});
