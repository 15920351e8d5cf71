import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ActionRunbookItem } from '@kube-reserve/plugin-reserve-common';
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

const render = (item: ActionRunbookItem) =>
  renderInTestApp(
    <RunbookItemRow
      entity={{ kind: 'component', namespace: 'default', name: 'checkout' }}
      runbook="failover"
      item={item}
      access={{ pending: false }}
      onChanged={() => {}}
    />,
  );

describe('RunbookItemRow', () => {
  it('says how to run an action that can be planned, as its button is not here yet', async () => {
    await render(failoverItem);
    expect(
      screen.getByText(
        /The failover action can be planned and run through the API/,
      ),
    ).toBeInTheDocument();
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
  });
});
