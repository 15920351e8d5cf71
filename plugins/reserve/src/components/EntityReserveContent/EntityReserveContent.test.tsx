import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { failoverPlan } from '../../__testUtils__/actions';
import {
  component,
  failedOverReport,
  notReadyReport,
  readyReport,
  unknownClusterReport,
  unreachablePrimaryReport,
} from '../../__testUtils__/reports';
import {
  mockReserveApi,
  renderWithReserveApi,
} from '../../__testUtils__/renderWithReserveApi';
import { entityBackups } from '../../__testUtils__/backups';
import { checkoutHistory } from '../../__testUtils__/history';
import { responseError } from '../../__testUtils__/responseError';
import { runbooks } from '../../__testUtils__/runbooks';
import { EntityReserveContent } from './EntityReserveContent';

describe('EntityReserveContent', () => {
  it('shows a ready verdict, the score and the primary and reserve side by side', async () => {
    const api = mockReserveApi();
    api.getEntityReport.mockResolvedValue(readyReport);
    await renderWithReserveApi(<EntityReserveContent />, {
      api,
      entity: component('checkout'),
    });

    expect(await screen.findByText('Ready')).toBeInTheDocument();
    expect(screen.getByLabelText('Score')).toHaveTextContent('100');
    // The fixture's report was computed when the suite loaded: a moment or seconds ago.
    expect(screen.getByText(/Computed (just now|.* ago)/)).toBeInTheDocument();
    const primary = screen.getByRole('table', { name: 'Facts of prod-fra' });
    expect(within(primary).getByText('fra1')).toBeInTheDocument();
    expect(within(primary).getByText('hetzner')).toBeInTheDocument();
    expect(within(primary).getByText('v1.34.2')).toBeInTheDocument();
    const reserve = screen.getByRole('table', { name: 'Facts of reserve-ams' });
    expect(within(reserve).getByText('digitalocean')).toBeInTheDocument();
    expect(api.getEntityReport).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout',
    });
  });

  it('lists failing checks first, with evidence, a copyable remediation command and the spec diff', async () => {
    const api = mockReserveApi();
    api.getEntityReport.mockResolvedValue(notReadyReport);
    await renderWithReserveApi(<EntityReserveContent />, {
      api,
      entity: component('payments-api'),
    });

    expect(await screen.findByText('Not ready')).toBeInTheDocument();
    const categories = screen
      .getAllByRole('heading', { level: 3 })
      .map(h => h.textContent);
    expect(categories).toEqual(['Parity', 'Backups', 'Workloads', 'Topology']);

    await userEvent.click(screen.getByText('Same images on both sides'));
    expect(
      await screen.findByText(
        'container api: payments-api:1.4.1 ≠ payments-api:1.5.0',
      ),
    ).toBeInTheDocument();
    // Filled in with the reserve that fails and the Deployment and container the evidence
    // names; the primary's image is not named in a form to copy.
    expect(
      screen.getByText(
        'kubectl --context reserve-ams -n payments set image deployment/api api=<primary-image>',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy remediation command' }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByText('Same pod templates on both sides'));
    const diff = await screen.findByRole('table', {
      name: 'Differences of Deployment payments/api on reserve-ams',
    });
    expect(within(diff).getByText('− "info"')).toBeInTheDocument();
    expect(within(diff).getByText('+ "debug"')).toBeInTheDocument();
  });

  it('says which cluster is unreachable and shows its checks as unknown, never as passed', async () => {
    const api = mockReserveApi();
    api.getEntityReport.mockResolvedValue(unknownClusterReport);
    await renderWithReserveApi(<EntityReserveContent />, {
      api,
      entity: component('search-indexer'),
    });

    expect(
      await screen.findByText(/Cluster reserve-ams is unreachable/),
    ).toBeInTheDocument();
    const deployed = screen
      .getByText('Every workload is deployed on the reserve')
      .closest('[role="button"]') as HTMLElement;
    expect(
      within(deployed).getByLabelText('Status pending'),
    ).toBeInTheDocument();
    expect(
      within(deployed).queryByLabelText('Status ok'),
    ).not.toBeInTheDocument();
    expect(within(deployed).getByText('Unknown')).toBeInTheDocument();
  });

  it('leads with the silent primary and puts Fail over in the header', async () => {
    const api = mockReserveApi();
    api.getEntityReport.mockResolvedValue(unreachablePrimaryReport);
    api.planAction.mockResolvedValue(failoverPlan);
    await renderWithReserveApi(<EntityReserveContent />, {
      api,
      entity: component('checkout'),
    });

    const situation = await screen.findByTestId('report-situation');
    expect(situation).toHaveTextContent(/^prod-fra unreachable since /);
    const header = situation.closest('[class*="MuiCard-root"]') as HTMLElement;
    const button = within(header).getByRole('button', { name: 'Fail over' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    expect(
      await screen.findByRole('heading', { name: 'Fail over: checkout' }),
    ).toBeInTheDocument();
  });

  it('shows a failed-over service serving from its reserve, its clusters in their current roles', async () => {
    const api = mockReserveApi();
    api.getEntityReport.mockResolvedValue(failedOverReport);
    await renderWithReserveApi(<EntityReserveContent />, {
      api,
      entity: component('checkout'),
    });

    expect(await screen.findByTestId('report-situation')).toHaveTextContent(
      /^Serving from reserve-ams since .* \(failover by user:default\/alice\)/,
    );
    expect(
      await screen.findByRole('button', { name: 'Fail back' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Fail over' }),
    ).not.toBeInTheDocument();

    // reserve-ams serves: it is the primary now, and says why; prod-fra is the former primary.
    const cards = screen.getAllByRole('table', { name: /^Facts of / });
    expect(cards.map(card => card.getAttribute('aria-label'))).toEqual([
      'Facts of reserve-ams',
      'Facts of prod-fra',
    ]);
    expect(
      screen.getByText('Serving since the failover; configured as reserve'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The former primary until a failback; configured as primary',
      ),
    ).toBeInTheDocument();
    // Its primary silent is expected, not an alarm.
    expect(
      screen.getByText(/The former primary prod-fra is unreachable/),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/^Cluster prod-fra is unreachable/),
    ).not.toBeInTheDocument();
  });

  it('says so when no cluster pair applies to the service', async () => {
    const api = mockReserveApi();
    api.getEntityReport.mockResolvedValue({
      ...readyReport,
      clusters: [],
      verdict: 'not-ready',
    });
    await renderWithReserveApi(<EntityReserveContent />, {
      api,
      entity: component('checkout'),
    });

    expect(
      await screen.findByText('No cluster pair applies to this service'),
    ).toBeInTheDocument();
  });

  it('explains which annotation is missing instead of calling the backend', async () => {
    const api = mockReserveApi();
    await renderWithReserveApi(<EntityReserveContent />, {
      api,
      entity: component('legacy-batch', false),
    });

    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(/backstage.io\/kubernetes-id/).length,
    ).toBeGreaterThan(0);
    expect(api.getEntityReport).not.toHaveBeenCalled();
  });

  it('surfaces the backend error message', async () => {
    const api = mockReserveApi();
    api.getEntityReport.mockRejectedValue(
      await responseError(
        403,
        'NotAllowedError',
        'Not allowed to reserve.readiness.read',
      ),
    );
    await renderWithReserveApi(<EntityReserveContent />, {
      api,
      entity: component('checkout'),
    });

    expect(
      await screen.findByText(
        'Error: 403: Not allowed to reserve.readiness.read',
      ),
    ).toBeInTheDocument();
  });
});

describe('EntityReserveContent backups and runbooks', () => {
  it('shows the backups section and the runbooks below the checks', async () => {
    const api = mockReserveApi();
    api.getEntityReport.mockResolvedValue({
      ...readyReport,
      backups: entityBackups(),
    });
    api.getRunbooks.mockResolvedValue(runbooks);
    await renderWithReserveApi(<EntityReserveContent />, {
      api,
      entity: component('checkout'),
    });

    expect(
      await screen.findByRole('heading', { level: 2, name: 'Backups' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /checkout-6h-20260301000000/ }),
    ).toHaveAttribute('data-phase-class', 'failed');
    expect(
      screen.getByRole('heading', { level: 2, name: 'Runbooks' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Failover to reserve')).toBeInTheDocument();
    expect(api.getRunbooks).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout',
    });
  });
});

describe('EntityReserveContent history', () => {
  it('says since when the service has not been ready and draws its score over 90 days', async () => {
    const api = mockReserveApi();
    api.getEntityReport.mockResolvedValue(notReadyReport);
    api.getEntityHistory.mockResolvedValue(checkoutHistory());
    await renderWithReserveApi(<EntityReserveContent />, {
      api,
      entity: component('payments-api'),
    });

    expect(await screen.findByText(/^Not ready since /)).toHaveTextContent(
      /\(3 d\)$/,
    );
    expect(
      screen.getByText('Readiness over the last 90 days'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Score 72 → 55 over 90 days, 3 changes; now Not ready',
      }),
    ).toBeInTheDocument();
    expect(api.getEntityHistory).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'payments-api' },
      { days: 90 },
    );
  });

  it('says no history is recorded yet for a service assessed for the first time', async () => {
    const api = mockReserveApi();
    api.getEntityReport.mockResolvedValue(readyReport);
    await renderWithReserveApi(<EntityReserveContent />, {
      api,
      entity: component('checkout'),
    });

    expect(
      await screen.findByText('No history recorded yet'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Not ready since/)).not.toBeInTheDocument();
  });

  it('shows why the history could not be read in its card and the rest of the tab as usual', async () => {
    const api = mockReserveApi();
    api.getEntityReport.mockResolvedValue(notReadyReport);
    api.getEntityHistory.mockRejectedValue(
      await responseError(503, 'ServiceUnavailableError', 'History store down'),
    );
    await renderWithReserveApi(<EntityReserveContent />, {
      api,
      entity: component('payments-api'),
    });

    expect(
      await screen.findByText('Error: 503: History store down'),
    ).toBeInTheDocument();
    expect(screen.getByText('Not ready')).toBeInTheDocument();
    expect(screen.getByLabelText('Score')).toHaveTextContent('41');
    expect(
      screen.getByRole('heading', { level: 2, name: 'Checks' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Not ready since/)).not.toBeInTheDocument();
  });
});
