import { mockApis } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActionRunbookItem } from '@kube-reserve/plugin-reserve-common';
import { failoverPlan } from '../../__testUtils__/actions';
import {
  mockReserveApi,
  renderWithReserveApi,
} from '../../__testUtils__/renderWithReserveApi';
import { RunbookItemRow } from './RunbookItemRow';

const failoverItem: ActionRunbookItem = {
  kind: 'action',
  id: 'switch-cronjobs',
  actionId: 'switch-cronjobs',
  action: 'failover',
  title: 'Suspend the primary CronJobs, resume the reserve ones',
  available: true,
  commands: [],
};

const render = (
  item: ActionRunbookItem,
  api = mockReserveApi(),
  extraApis: ReadonlyArray<readonly [any, any]> = [],
  name = 'checkout',
) =>
  renderWithReserveApi(
    <RunbookItemRow
      entity={{ kind: 'component', namespace: 'default', name }}
      runbook="failover"
      item={item}
      access={{ pending: false }}
      onChanged={() => {}}
    />,
    { api, extraApis },
  );

describe('RunbookItemRow', () => {
  it('opens the action dialog with the plan from an enabled button', async () => {
    const api = mockReserveApi();
    api.planAction.mockResolvedValue(failoverPlan);
    await render(failoverItem, api);

    expect(
      await screen.findByText(/This step is part of the fail over plan/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Fail over' }));
    expect(
      await screen.findByText('The primary prod-fra is unreachable'),
    ).toBeInTheDocument();
    expect(api.planAction).toHaveBeenCalledWith(
      { kind: 'component', namespace: 'default', name: 'checkout' },
      'failover',
      { scaleDownPrimary: false },
    );
  });

  it('disables the button, with the reason, for users who may not run actions', async () => {
    // Another entity than the other tests: usePermission caches decisions per resource.
    await render(
      failoverItem,
      mockReserveApi(),
      [
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
      ],
      'ledger',
    );
    expect(
      await screen.findByText('Only the owners of ledger can run actions'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Fail over' })).toBeDisabled();
  });

  it('says why an action cannot run', async () => {
    await render({
      ...failoverItem,
      available: false,
      unavailableReason:
        'checkout has mode none: there is no reserve to fail over to',
    });
    expect(
      screen.getByText(/Not available yet: checkout has mode none/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Switch CronJobs' }),
    ).toBeDisabled();
  });
});
