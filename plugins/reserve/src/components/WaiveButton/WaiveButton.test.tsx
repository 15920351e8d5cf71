import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis } from '@backstage/test-utils';
import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockReserveApi,
  renderWithReserveApi,
} from '../../__testUtils__/renderWithReserveApi';
import { WaiveButton } from './WaiveButton';

const entity = {
  kind: 'component',
  namespace: 'default',
  name: 'invoice-mailer',
};

const failingCronJobs: CheckResult = {
  id: 'parity.cronjobs',
  state: 'fail',
  message:
    'CronJob invoice-mailer/invoice-mailer-dunning is active on reserve-ams',
  clusters: [
    { cluster: 'prod-fra', state: 'pass', message: 'ok' },
    { cluster: 'reserve-ams', state: 'fail', message: 'active' },
  ],
};

describe('WaiveButton', () => {
  it('opens the waiver dialog for an owner of the service', async () => {
    const api = mockReserveApi();
    await renderWithReserveApi(
      <WaiveButton
        entity={entity}
        result={failingCronJobs}
        onChanged={() => {}}
      />,
      { api },
    );
    const button = await screen.findByRole('button', { name: 'Waive' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    expect(
      await screen.findByRole('heading', {
        name: 'Waive: CronJobs run on one side only',
      }),
    ).toBeInTheDocument();
    expect(api.listWaivers).toHaveBeenCalledWith(entity);
  });

  it('is disabled, saying why, for a user who may not waive the service’s checks', async () => {
    // Another entity than the other test: usePermission caches decisions per resource.
    await renderWithReserveApi(
      <WaiveButton
        entity={{ ...entity, name: 'ledger' }}
        result={failingCronJobs}
        onChanged={() => {}}
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
    const button = await screen.findByRole('button', { name: 'Waive' });
    await waitFor(() => expect(button).toBeDisabled());
    await userEvent.hover(
      screen.getByTestId('waive-parity.cronjobs-unavailable'),
    );
    expect(
      await screen.findByText('Only the owners of ledger can waive checks'),
    ).toBeInTheDocument();
  });
});
