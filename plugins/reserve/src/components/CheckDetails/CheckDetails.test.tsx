import { getCheckDefinition } from '@kube-reserve/plugin-reserve-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis, renderInTestApp } from '@backstage/test-utils';
import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockReserveApi,
  renderWithReserveApi,
} from '../../__testUtils__/renderWithReserveApi';
import { responseError } from '../../__testUtils__/responseError';
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

  const entity = {
    kind: 'component',
    namespace: 'default',
    name: 'invoice-mailer',
  };
  const waivedOnReserve: CheckResult = {
    id: 'parity.cronjobs',
    state: 'waived',
    message:
      'CronJob invoice-mailer/invoice-mailer-dunning is active on reserve-ams',
    clusters: [
      { cluster: 'prod-fra', state: 'pass', message: 'suspended' },
      {
        cluster: 'reserve-ams',
        state: 'waived',
        message: 'CronJob invoice-mailer/invoice-mailer-dunning is active',
        waiver: {
          id: 'w-1',
          reason: 'the reserve sends no mail',
          by: 'user:default/guest',
          expiresAt: '2026-12-20T12:00:00Z',
          cluster: 'reserve-ams',
          underlyingState: 'fail',
        },
      },
    ],
    waiver: {
      id: 'w-1',
      reason: 'the reserve sends no mail',
      by: 'user:default/guest',
      expiresAt: '2026-12-20T12:00:00Z',
      cluster: 'reserve-ams',
      underlyingState: 'fail',
    },
  };

  it('shows a waived check’s waiver once, where it applies and what it finds underneath', async () => {
    await renderWithReserveApi(
      <CheckDetails
        check={{ definition, result: waivedOnReserve }}
        entity={entity}
      />,
      { api: mockReserveApi() },
    );
    expect(
      screen.getByText(
        'Waived by user:default/guest until 2026-12-20: the reserve sends no mail',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Waived on reserve-ams only; the check fails underneath',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Revoke' })).toHaveLength(1);
    // Waived already: nothing to waive again.
    expect(
      screen.queryByRole('button', { name: 'Waive' }),
    ).not.toBeInTheDocument();
  });

  it('revokes a waiver for an owner and refreshes the report', async () => {
    const api = mockReserveApi();
    api.revokeWaiver.mockResolvedValue({} as any);
    const onChanged = jest.fn();
    await renderWithReserveApi(
      <CheckDetails
        check={{ definition, result: waivedOnReserve }}
        entity={entity}
        onChanged={onChanged}
      />,
      { api },
    );
    const revoke = screen.getByRole('button', { name: 'Revoke' });
    await waitFor(() => expect(revoke).toBeEnabled());
    await userEvent.click(revoke);
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(api.revokeWaiver).toHaveBeenCalledWith('w-1');
  });

  it('shows the backend’s refusal to revoke, and refreshes nothing', async () => {
    const api = mockReserveApi();
    api.revokeWaiver.mockRejectedValue(
      await responseError(409, 'ConflictError', 'Waiver w-1 lapsed already'),
    );
    const onChanged = jest.fn();
    await renderWithReserveApi(
      <CheckDetails
        check={{ definition, result: waivedOnReserve }}
        entity={{ ...entity, name: 'mailer-2' }}
        onChanged={onChanged}
      />,
      { api },
    );
    const revoke = screen.getByRole('button', { name: 'Revoke' });
    await waitFor(() => expect(revoke).toBeEnabled());
    await userEvent.click(revoke);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not revoke the waiver: 409: Waiver w-1 lapsed already',
    );
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('keeps Revoke disabled, saying why, for a user who may not waive', async () => {
    await renderWithReserveApi(
      <CheckDetails
        check={{ definition, result: waivedOnReserve }}
        entity={{ ...entity, name: 'ledger' }}
      />,
      {
        api: mockReserveApi(),
        extraApis: [
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
        ],
      },
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Revoke' })).toBeDisabled(),
    );
    await userEvent.hover(screen.getByTestId('revoke-w-1-unavailable'));
    expect(
      await screen.findByText('Only the owners of ledger can waive checks'),
    ).toBeInTheDocument();
  });

  it('offers Waive on a failing check of an entity, and on no check without one', async () => {
    const failing: CheckResult = {
      ...waivedOnReserve,
      state: 'fail',
      waiver: undefined,
      clusters: [],
    };
    await renderWithReserveApi(
      <CheckDetails check={{ definition, result: failing }} entity={entity} />,
      { api: mockReserveApi() },
    );
    expect(screen.getByRole('button', { name: 'Waive' })).toBeInTheDocument();

    await renderInTestApp(
      <CheckDetails check={{ definition, result: failing }} />,
    );
    expect(screen.getAllByRole('button', { name: 'Waive' })).toHaveLength(1);
  });
});
