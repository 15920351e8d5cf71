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

  it('fills the command to copy with the cluster, namespace and CronJob the evidence names', async () => {
    await renderInTestApp(
      <CheckDetails
        names={{
          primary: 'prod-fra',
          reserves: ['reserve-ams'],
          namespaces: ['invoice-mailer'],
        }}
        check={{
          definition,
          result: {
            id: 'parity.cronjobs',
            state: 'fail',
            message:
              'CronJob invoice-mailer/invoice-mailer-dunning is active on reserve-ams: every job would run twice',
            clusters: [
              {
                cluster: 'reserve-ams',
                state: 'fail',
                message:
                  'CronJob invoice-mailer/invoice-mailer-dunning is active on reserve-ams: every job would run twice',
              },
            ],
          },
        }}
      />,
    );
    expect(
      screen.getByText(
        `kubectl --context reserve-ams -n invoice-mailer patch cronjob invoice-mailer-dunning -p '{"spec":{"suspend":true}}'`,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/<reserve-cluster>|<namespace>|<name>/)).toBe(
      null,
    );
  });

  it('shows the instants in the evidence as ages', async () => {
    const renewed = new Date(Date.now() - 31 * 60_000).toISOString();
    await renderInTestApp(
      <CheckDetails
        check={{
          definition: getCheckDefinition('platform.leader-election'),
          result: {
            id: 'platform.leader-election',
            state: 'fail',
            message: 'Lease expired',
            clusters: [
              {
                cluster: 'reserve-fra-b',
                state: 'fail',
                message: `the kube-scheduler Lease on reserve-fra-b was last renewed at ${renewed} and expired`,
              },
            ],
          },
        }}
      />,
    );
    expect(
      screen.getByText(/^the kube-scheduler Lease on reserve-fra-b/),
    ).toHaveTextContent(
      'the kube-scheduler Lease on reserve-fra-b was last renewed 31 min ago and expired',
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
