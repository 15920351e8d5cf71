import { mockApis } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { component } from '../../__testUtils__/reports';
import {
  mockReserveApi,
  renderWithReserveApi,
} from '../../__testUtils__/renderWithReserveApi';
import { responseError } from '../../__testUtils__/responseError';
import { databasePromoted, runbooks } from '../../__testUtils__/runbooks';
import { RunbooksSection } from './RunbooksSection';

const entity = component('checkout');

async function openFailover() {
  await userEvent.click(await screen.findByText('Failover to reserve'));
  return screen.getByTestId('runbook-item-database-promoted');
}

describe('RunbooksSection', () => {
  it('shows each runbook with its progress, auto states never green when unknown, and not-yet-available actions', async () => {
    const api = mockReserveApi();
    api.getRunbooks.mockResolvedValue(runbooks);
    await renderWithReserveApi(<RunbooksSection entity={entity} />, {
      api,
      entity,
    });

    expect(
      await screen.findByLabelText(
        'Failover to reserve: 1 of 3 manual items done',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Certificate renewal')).toBeInTheDocument();
    expect(screen.getByText('Cluster upgrade')).toBeInTheDocument();
    await openFailover();

    const verdict = screen.getByTestId('runbook-item-reserve-verdict');
    expect(
      within(verdict).getByLabelText('Status pending'),
    ).toBeInTheDocument();
    expect(
      within(verdict).queryByLabelText('Status ok'),
    ).not.toBeInTheDocument();

    const scale = screen.getByTestId('runbook-item-scale-reserve');
    expect(
      within(scale).getByRole('button', { name: 'Scale the reserve' }),
    ).toBeDisabled();
    expect(
      within(scale).getByText(/^Not available yet: this button arrives/),
    ).toBeInTheDocument();
    expect(
      within(scale).getByRole('button', {
        name: 'Copy command: Scale Deployment checkout/api on reserve-ams',
      }),
    ).toBeInTheDocument();

    const traffic = screen.getByTestId('runbook-item-switch-traffic');
    expect(within(traffic).getByRole('checkbox')).toBeChecked();
    expect(
      within(traffic).getByText(
        /Ticked by alice 48 h ago, expires in 2\d d .*DNS TTL lowered/,
      ),
    ).toBeInTheDocument();

    const reviewed = screen.getByTestId('runbook-item-runbook-reviewed');
    expect(within(reviewed).getByText('Tick expired')).toBeInTheDocument();
    expect(within(reviewed).getByText(/expired 10 d ago/)).toBeInTheDocument();
    expect(within(reviewed).getByRole('checkbox')).not.toBeChecked();
  });

  it('leads a failed-over service with Fail back, its instants read as ages', async () => {
    const since = new Date(Date.now() - 20 * 60_000).toISOString();
    const api = mockReserveApi();
    api.getRunbooks.mockResolvedValue({
      ...runbooks,
      runbooks: [
        {
          id: 'failover',
          title: 'Fail back to prod-fra',
          description: `component:default/checkout serves from reserve-ams since ${since}.`,
          progress: { done: 0, total: 1 },
          sections: [
            {
              id: 'fail-back',
              title: 'Fail back to prod-fra',
              cluster: 'prod-fra',
              items: [
                {
                  kind: 'action',
                  id: 'fail-back',
                  actionId: 'failback',
                  action: 'failback',
                  title: 'Fail back to prod-fra',
                  available: true,
                },
              ],
            },
            {
              id: 'steps',
              title: `Failover to reserve-ams (done ${since})`,
              items: [databasePromoted],
            },
          ],
        },
      ],
    });
    await renderWithReserveApi(<RunbooksSection entity={entity} />, {
      api,
      entity,
    });
    await userEvent.click(await screen.findByText('Fail back to prod-fra'));

    expect(
      screen.getByText(/^component:default\/checkout serves from reserve-ams/),
    ).toHaveTextContent(
      'component:default/checkout serves from reserve-ams since 20 min ago.',
    );
    expect(
      screen.getByText(/^Failover to reserve-ams \(done/),
    ).toHaveTextContent('Failover to reserve-ams (done 20 min ago)');
    const items = screen.getAllByTestId(/^runbook-item-/);
    expect(items[0]).toHaveAttribute('data-testid', 'runbook-item-fail-back');
    expect(
      within(items[0]).getByRole('button', { name: 'Fail back' }),
    ).toBeInTheDocument();
  });

  it('ticks a manual item with its note, then shows who ticked it and when', async () => {
    const api = mockReserveApi();
    api.getRunbooks.mockResolvedValue(runbooks);
    api.updateRunbookItem.mockResolvedValue({
      ...databasePromoted,
      state: 'done',
      tick: {
        by: 'user:default/guest',
        at: new Date().toISOString(),
        note: 'Promoted pg-ams',
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    });
    await renderWithReserveApi(<RunbooksSection entity={entity} />, {
      api,
      entity,
    });

    const item = await openFailover();
    await userEvent.type(
      within(item).getByLabelText('Note (optional)'),
      'Promoted pg-ams',
    );
    await userEvent.click(
      within(item).getByRole('checkbox', {
        name: "Mark as done: Database replica promoted on the reserve's site",
      }),
    );

    expect(
      await screen.findByText(
        /Ticked by guest (just now|\d+ s ago), expires in 29 d .*Promoted pg-ams/,
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('runbook-item-database-promoted')).getByRole(
        'checkbox',
      ),
    ).toBeChecked();
    expect(api.updateRunbookItem).toHaveBeenCalledWith({
      entity: { kind: 'Component', namespace: 'default', name: 'checkout' },
      runbook: 'failover',
      item: 'database-promoted',
      update: { ticked: true, note: 'Promoted pg-ams' },
    });
    await waitFor(() => expect(api.getRunbooks).toHaveBeenCalledTimes(2));
  });

  it('disables ticking, with the reason, for a user who may not tick', async () => {
    const api = mockReserveApi();
    api.getRunbooks.mockResolvedValue(runbooks);
    // Another entity than the other tests: usePermission caches decisions per resource.
    const ledger = component('ledger');
    await renderWithReserveApi(<RunbooksSection entity={ledger} />, {
      api,
      entity: ledger,
      extraApis: [
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
      ],
    });

    const item = await openFailover();
    await waitFor(() =>
      expect(within(item).getByRole('checkbox')).toBeDisabled(),
    );
    expect(
      within(item).getByText('Only the owners of ledger can tick items'),
    ).toBeInTheDocument();
    expect(within(item).getByLabelText('Note (optional)')).toBeDisabled();
  });

  it("shows the backend's refusal when it answers a tick with 403", async () => {
    const api = mockReserveApi();
    api.getRunbooks.mockResolvedValue(runbooks);
    api.updateRunbookItem.mockRejectedValue(
      await responseError(
        403,
        'NotAllowedError',
        'Not allowed to reserve.runbook.update on component:default/checkout',
      ),
    );
    await renderWithReserveApi(<RunbooksSection entity={entity} />, {
      api,
      entity,
    });

    const item = await openFailover();
    await userEvent.click(within(item).getByRole('checkbox'));

    expect(await within(item).findByRole('alert')).toHaveTextContent(
      'You may not tick this item: Not allowed to reserve.runbook.update on component:default/checkout',
    );
    expect(within(item).getByRole('checkbox')).not.toBeChecked();
    expect(api.getRunbooks).toHaveBeenCalledTimes(1);
  });

  it('shows per-cluster certificate expiries and the upgrade order', async () => {
    const api = mockReserveApi();
    api.getRunbooks.mockResolvedValue(runbooks);
    await renderWithReserveApi(<RunbooksSection entity={entity} />, {
      api,
      entity,
    });

    await userEvent.click(await screen.findByText('Certificate renewal'));
    const expiries = screen.getByRole('table', {
      name: 'Certificate expiries on prod-fra',
    });
    expect(within(expiries).getByText(/^[45] d left/)).toBeInTheDocument();
    expect(within(expiries).getByText('Never issued')).toBeInTheDocument();

    await userEvent.click(screen.getByText('Cluster upgrade'));
    expect(screen.getByText('reserve-ams: v1.34.2 → 1.35')).toBeInTheDocument();
    const order = screen.getByRole('list', { name: 'Nodes in upgrade order' });
    expect(
      within(order)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'ams-cp-1 (control-plane, kubelet v1.34.2)',
      'ams-w-1 (worker, kubelet v1.34.2, ams3-a)',
    ]);
    expect(
      screen.getByText('Deployment checkout/api has 1 replica'),
    ).toBeInTheDocument();
  });

  it('surfaces the backend error when the runbooks cannot be read', async () => {
    const api = mockReserveApi();
    api.getRunbooks.mockRejectedValue(
      await responseError(500, 'Error', 'Runbook store unavailable'),
    );
    await renderWithReserveApi(<RunbooksSection entity={entity} />, {
      api,
      entity,
    });
    expect(
      await screen.findByText('Error: 500: Runbook store unavailable'),
    ).toBeInTheDocument();
  });
});
