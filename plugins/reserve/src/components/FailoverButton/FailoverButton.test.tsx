import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis } from '@backstage/test-utils';
import { Runbook } from '@kube-reserve/plugin-reserve-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { failoverExecution, failoverPlan } from '../../__testUtils__/actions';
import {
  failedOverReport,
  readyReport,
  unreachablePrimaryReport,
} from '../../__testUtils__/reports';
import {
  mockReserveApi,
  renderWithReserveApi,
} from '../../__testUtils__/renderWithReserveApi';
import { FailoverButton } from './FailoverButton';

const entity = { kind: 'component', namespace: 'default', name: 'checkout' };

// The failover runbook as the backend sends it while failed over, prod-fra silent: Fail back
// leads, unavailable with the reason.
const failbackUnavailable: Runbook = {
  id: 'failover',
  title: 'Failover to reserve',
  description: 'Move checkout back to prod-fra.',
  progress: { done: 0, total: 0 },
  sections: [
    {
      id: 'steps',
      title: 'Steps',
      items: [
        {
          kind: 'action',
          id: 'fail-back',
          actionId: 'failback',
          action: 'failback',
          title: 'Fail back to the primary once it is healthy again',
          available: false,
          unavailableReason:
            'prod-fra does not answer (connect ECONNREFUSED 127.0.0.1:6443): fail back once it serves again',
        },
      ],
    },
  ],
};

describe('FailoverButton', () => {
  it('opens the failover plan for an owner while the primary does not answer', async () => {
    const api = mockReserveApi();
    api.planAction.mockResolvedValue(failoverPlan);
    await renderWithReserveApi(
      <FailoverButton
        entity={entity}
        report={unreachablePrimaryReport}
        onFinished={() => {}}
      />,
      { api },
    );
    const button = await screen.findByRole('button', { name: 'Fail over' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);

    expect(
      await screen.findByRole('heading', { name: 'Fail over: checkout' }),
    ).toBeInTheDocument();
    expect(api.planAction).toHaveBeenCalledWith(entity, 'failover', {
      scaleDownPrimary: false,
    });
    expect(
      await screen.findByLabelText('Type checkout to confirm'),
    ).toBeInTheDocument();
  });

  it('keeps the run in view, and refreshes the page only once its dialog is closed', async () => {
    const api = mockReserveApi();
    api.planAction.mockResolvedValue(failoverPlan);
    api.executeAction.mockResolvedValue(
      failoverExecution('succeeded', 'succeeded'),
    );
    const onFinished = jest.fn();
    await renderWithReserveApi(
      <FailoverButton
        entity={entity}
        report={unreachablePrimaryReport}
        onFinished={onFinished}
      />,
      { api },
    );
    const button = await screen.findByRole('button', { name: 'Fail over' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    await userEvent.type(
      await screen.findByLabelText('Type checkout to confirm'),
      'checkout',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));

    expect(
      await screen.findByText('The action succeeded.'),
    ).toBeInTheDocument();
    expect(onFinished).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onFinished).toHaveBeenCalledTimes(1);
  });

  it('offers Fail back while the service is failed over', async () => {
    const api = mockReserveApi();
    api.planAction.mockResolvedValue({ ...failoverPlan, action: 'failback' });
    await renderWithReserveApi(
      <FailoverButton
        entity={entity}
        report={{ ...failedOverReport, situation: undefined }}
        onFinished={() => {}}
      />,
      { api },
    );
    const button = await screen.findByRole('button', { name: 'Fail back' });
    expect(
      screen.queryByRole('button', { name: 'Fail over' }),
    ).not.toBeInTheDocument();
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    await screen.findByRole('heading', { name: 'Fail back: checkout' });
    expect(api.planAction).toHaveBeenCalledWith(entity, 'failback', {});
  });

  it('is disabled, saying why, for a user who may not run actions on the service', async () => {
    // Another entity than the other tests: usePermission caches decisions per resource.
    const api = mockReserveApi();
    await renderWithReserveApi(
      <FailoverButton
        entity={{ ...entity, name: 'ledger' }}
        report={readyReport}
        onFinished={() => {}}
      />,
      {
        api,
        extraApis: [
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
        ],
      },
    );
    const button = await screen.findByRole('button', { name: 'Fail over' });
    await waitFor(() => expect(button).toBeDisabled());
    await userEvent.hover(screen.getByTestId('failover-unavailable'));
    expect(
      await screen.findByText('Only the owners of ledger can run actions'),
    ).toBeInTheDocument();
  });

  it('is disabled with the backend reason when Fail back cannot run yet', async () => {
    const api = mockReserveApi();
    api.getRunbooks.mockResolvedValue({
      entityRef: 'component:default/checkout',
      runbooks: [failbackUnavailable],
      tickTtl: '30d',
      generatedAt: new Date().toISOString(),
    });
    await renderWithReserveApi(
      <FailoverButton
        entity={entity}
        report={failedOverReport}
        onFinished={() => {}}
      />,
      { api },
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Fail back' })).toBeDisabled(),
    );
    await userEvent.hover(screen.getByTestId('failback-unavailable'));
    expect(
      await screen.findByText(
        'prod-fra does not answer (connect ECONNREFUSED 127.0.0.1:6443): fail back once it serves again',
      ),
    ).toBeInTheDocument();
  });

  it('is disabled for a service without a reserve', async () => {
    const api = mockReserveApi();
    await renderWithReserveApi(
      <FailoverButton
        entity={entity}
        report={{ ...readyReport, clusters: [readyReport.clusters[0]] }}
        onFinished={() => {}}
      />,
      { api },
    );
    expect(
      await screen.findByRole('button', { name: 'Fail over' }),
    ).toBeDisabled();
    await userEvent.hover(screen.getByTestId('failover-unavailable'));
    expect(
      await screen.findByText(
        'This service has no reserve cluster to fail over to',
      ),
    ).toBeInTheDocument();
  });
});
