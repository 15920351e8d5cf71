import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { failoverExecution, failoverPlan } from '../../__testUtils__/actions';
import {
  mockReserveApi,
  renderWithReserveApi,
} from '../../__testUtils__/renderWithReserveApi';
import { responseError } from '../../__testUtils__/responseError';
import { ActionDialog } from './ActionDialog';

const entity = { kind: 'component', namespace: 'default', name: 'checkout' };

async function renderDialog(api = mockReserveApi(), onFinished = jest.fn()) {
  await renderWithReserveApi(
    <ActionDialog
      entity={entity}
      action="failover"
      title="Fail over"
      onClose={() => {}}
      onFinished={onFinished}
      pollIntervalMs={10}
    />,
    { api },
  );
  return { api, onFinished };
}

const runButton = () => screen.getByRole('button', { name: 'Run' });

async function confirmAndRun() {
  await userEvent.type(
    screen.getByLabelText('Type checkout to confirm'),
    'checkout',
  );
  await userEvent.click(runButton());
}

describe('ActionDialog', () => {
  it('shows the plan with its steps and warnings', async () => {
    const api = mockReserveApi();
    api.planAction.mockResolvedValue(failoverPlan);
    await renderDialog(api);

    expect(
      await screen.findByText('The primary prod-fra is unreachable'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Scale Deployment checkout\/api on reserve-ams/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('reserve-ams: Deployment checkout/api'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('{"spec":{"replicas":0}} → {"spec":{"replicas":6}}'),
    ).toBeInTheDocument();
  });

  it('lists the steps the plan skips because the primary does not answer, with why', async () => {
    const api = mockReserveApi();
    api.planAction.mockResolvedValue({
      ...failoverPlan,
      warnings: [
        'prod-fra answered at 2026-12-06T22:05:58.758Z with 500 on Deployments: the reserve is scaled from its last known size',
      ],
      skipped: [
        {
          title:
            'Suspend CronJob checkout/checkout-abandoned-cart-reminder on prod-fra',
          cluster: 'prod-fra',
          reason: 'prod-fra unreachable: connect ECONNREFUSED 127.0.0.1:6443',
        },
      ],
    });
    await renderDialog(api);

    const skipped = await screen.findByRole('region', {
      name: 'Skipped steps',
    });
    expect(skipped).toHaveTextContent(
      'Skipped: one step this plan cannot take now',
    );
    expect(skipped).toHaveTextContent(
      'Suspend CronJob checkout/checkout-abandoned-cart-reminder on prod-fra',
    );
    expect(skipped).toHaveTextContent(
      'prod-fra: prod-fra unreachable: connect ECONNREFUSED 127.0.0.1:6443',
    );
    // The steps it can take are still there, and the warning's instant reads as an age.
    expect(
      screen.getByText(/Scale Deployment checkout\/api on reserve-ams/),
    ).toBeInTheDocument();
    expect(screen.getByText(/^prod-fra answered/)).toHaveTextContent(
      /^prod-fra answered \d.* ago with 500 on Deployments/,
    );
  });

  it('plans a failover that leaves the primary running, and re-plans when asked to scale it down', async () => {
    const api = mockReserveApi();
    api.planAction.mockResolvedValue(failoverPlan);
    await renderDialog(api);
    const scaleDown = await screen.findByRole('checkbox', {
      name: /Also scale the primary's workloads to 0/,
    });
    expect(api.planAction).toHaveBeenLastCalledWith(entity, 'failover', {
      scaleDownPrimary: false,
    });

    await waitFor(() => expect(scaleDown).toBeEnabled());
    await userEvent.click(scaleDown);

    await waitFor(() =>
      expect(api.planAction).toHaveBeenLastCalledWith(entity, 'failover', {
        scaleDownPrimary: true,
      }),
    );
    expect(api.planAction).toHaveBeenCalledTimes(2);
    expect(scaleDown).toBeChecked();
  });

  it('keeps Run disabled until the entity name is typed exactly', async () => {
    const api = mockReserveApi();
    api.planAction.mockResolvedValue(failoverPlan);
    await renderDialog(api);
    const field = await screen.findByLabelText('Type checkout to confirm');

    expect(runButton()).toBeDisabled();
    await userEvent.type(field, 'checkou');
    expect(runButton()).toBeDisabled();
    await userEvent.type(field, 't');
    expect(runButton()).toBeEnabled();
    await userEvent.type(field, 's');
    expect(runButton()).toBeDisabled();
  });

  it('runs the plan, shows the steps progressing, then the success', async () => {
    const api = mockReserveApi();
    api.planAction.mockResolvedValue(failoverPlan);
    api.executeAction.mockResolvedValue(
      failoverExecution('running', 'running'),
    );
    api.getExecution.mockResolvedValue(
      failoverExecution('succeeded', 'succeeded'),
    );
    const { onFinished } = await renderDialog(api);
    await screen.findByLabelText('Type checkout to confirm');

    await confirmAndRun();

    expect(await screen.findByText('Running…')).toBeInTheDocument();
    expect(screen.getByText('Running')).toBeInTheDocument();
    expect(
      await screen.findByText('The action succeeded.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Status ok')).toBeInTheDocument();
    expect(screen.getByText('Scaled to 6')).toBeInTheDocument();
    expect(api.executeAction).toHaveBeenCalledWith(entity, 'failover', {
      planId: 'plan-1',
      confirmation: 'checkout',
    });
    await waitFor(() => expect(onFinished).toHaveBeenCalledTimes(1));
  });

  it('shows a failed run with its message and resumes it', async () => {
    const api = mockReserveApi();
    api.planAction.mockResolvedValue(failoverPlan);
    api.executeAction.mockResolvedValue(
      failoverExecution('failed', 'failed', {
        message: 'reserve-ams refused the patch',
      }),
    );
    api.resumeExecution.mockResolvedValue(
      failoverExecution('succeeded', 'succeeded'),
    );
    await renderDialog(api);
    await screen.findByLabelText('Type checkout to confirm');
    await confirmAndRun();

    expect(
      await screen.findByText(
        'The action failed. reserve-ams refused the patch',
      ),
    ).toBeInTheDocument();
    // The confirmation typed for the run stays, and counts for the resume.
    expect(screen.getByLabelText('Type checkout to confirm')).toHaveValue(
      'checkout',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(
      await screen.findByText('The action succeeded.'),
    ).toBeInTheDocument();
    expect(api.resumeExecution).toHaveBeenCalledWith('exec-1', {
      confirmation: 'checkout',
    });
  });

  it('shows a stale plan with the backend message and plans again', async () => {
    const api = mockReserveApi();
    api.planAction.mockResolvedValue(failoverPlan);
    api.executeAction.mockRejectedValue(
      await responseError(
        409,
        'ConflictError',
        'The cluster changed since the plan was made',
      ),
    );
    await renderDialog(api);
    await screen.findByLabelText('Type checkout to confirm');
    await confirmAndRun();

    expect(
      await screen.findByText(
        '409: The cluster changed since the plan was made',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Plan again' }));
    await waitFor(() => expect(api.planAction).toHaveBeenCalledTimes(2));
    expect(
      await screen.findByLabelText('Type checkout to confirm'),
    ).toHaveValue('');
  });

  it('shows a refusal with its message', async () => {
    const api = mockReserveApi();
    api.planAction.mockResolvedValue(failoverPlan);
    api.executeAction.mockRejectedValue(
      await responseError(403, 'NotAllowedError', 'Not an owner'),
    );
    await renderDialog(api);
    await screen.findByLabelText('Type checkout to confirm');
    await confirmAndRun();

    expect(await screen.findByText('403: Not an owner')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Plan again' }),
    ).not.toBeInTheDocument();
  });
});
