import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockReserveApi,
  renderWithReserveApi,
} from '../../__testUtils__/renderWithReserveApi';
import { responseError } from '../../__testUtils__/responseError';
import { localDay } from '../../presentation/waivers';
import { WaiverDialog } from './WaiverDialog';

const DAY_MS = 24 * 60 * 60 * 1000;
const entity = {
  kind: 'component',
  namespace: 'default',
  name: 'invoice-mailer',
};

// parity.cronjobs is critical: 14 days at most. parity.spec is medium: 90 days.
const failing = (id: CheckResult['id']): CheckResult => ({
  id,
  state: 'fail',
  message: 'differs on reserve-ams',
  clusters: [
    { cluster: 'prod-fra', state: 'pass', message: 'ok' },
    { cluster: 'reserve-ams', state: 'fail', message: 'differs' },
  ],
});

async function renderDialog(
  result: CheckResult,
  api = mockReserveApi(),
  onCreated = jest.fn(),
) {
  await renderWithReserveApi(
    <WaiverDialog
      entity={entity}
      result={result}
      onClose={() => {}}
      onCreated={onCreated}
    />,
    { api },
  );
  const until = await screen.findByLabelText('Until');
  return { api, onCreated, until };
}

const waiveButton = () => screen.getByRole('button', { name: 'Waive' });

describe('WaiverDialog', () => {
  it('needs a reason before it waives', async () => {
    await renderDialog(failing('parity.cronjobs'));
    expect(waiveButton()).toBeDisabled();
    const reason = screen.getByRole('textbox', { name: /Reason/ });
    await userEvent.type(reason, '   ');
    await userEvent.tab();
    expect(
      screen.getByText('Say why the risk is acceptable'),
    ).toBeInTheDocument();
    expect(waiveButton()).toBeDisabled();
    await userEvent.type(reason, 'the reserve sends no mail');
    expect(waiveButton()).toBeEnabled();
  });

  it('starts at the longest a critical check may be waived, and refuses a later day', async () => {
    const { until } = await renderDialog(failing('parity.cronjobs'));
    const last = localDay(new Date(Date.now() + 14 * DAY_MS - 60_000));
    expect(until).toHaveValue(last);
    expect(until).toHaveAttribute('max', last);
    expect(
      screen.getByText(
        `A waiver of a critical check lasts at most 14 d: until ${last} at the latest`,
      ),
    ).toBeInTheDocument();

    await userEvent.type(screen.getByRole('textbox', { name: /Reason/ }), 'r');
    fireEvent.change(until, {
      target: { value: localDay(new Date(Date.now() + 20 * DAY_MS)) },
    });
    expect(waiveButton()).toBeDisabled();
    expect(screen.getByText(/^Pick a day from today on\./)).toBeInTheDocument();
  });

  it('allows a check that is not critical the longer limit', async () => {
    const { until } = await renderDialog(failing('parity.spec'));
    expect(until).toHaveValue(
      localDay(new Date(Date.now() + 90 * DAY_MS - 60_000)),
    );
  });

  it('sends the check, the cluster chosen, the reason and the end of the day chosen', async () => {
    const api = mockReserveApi();
    const waiver = { id: 'w-1' };
    api.createWaiver.mockResolvedValue(waiver as any);
    const { until, onCreated } = await renderDialog(
      failing('parity.cronjobs'),
      api,
    );
    await userEvent.click(
      screen.getByRole('button', { name: /^Cluster Every cluster/ }),
    );
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('reserve-ams only'),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: /Reason/ }),
      '  the reserve sends no mail ',
    );
    const day = localDay(new Date(Date.now() + 3 * DAY_MS));
    fireEvent.change(until, { target: { value: day } });
    await userEvent.click(waiveButton());

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(waiver));
    const [[sentEntity, request]] = api.createWaiver.mock.calls;
    expect(sentEntity).toEqual(entity);
    const [year, month, date] = day.split('-').map(Number);
    expect(request).toEqual({
      checkId: 'parity.cronjobs',
      cluster: 'reserve-ams',
      reason: 'the reserve sends no mail',
      expiresAt: new Date(year, month - 1, date, 23, 59, 59, 999).toISOString(),
    });
  });

  it('waives every cluster unless one is chosen, and shows the backend’s refusal', async () => {
    const api = mockReserveApi();
    api.createWaiver.mockRejectedValue(
      await responseError(
        409,
        'ConflictError',
        'A waiver in force already covers parity.cronjobs',
      ),
    );
    const { onCreated } = await renderDialog(failing('parity.cronjobs'), api);
    await userEvent.type(screen.getByRole('textbox', { name: /Reason/ }), 'r');
    await userEvent.click(waiveButton());

    expect(await screen.findByRole('alert')).toHaveTextContent(
      '409: A waiver in force already covers parity.cronjobs',
    );
    expect(onCreated).not.toHaveBeenCalled();
    const [[, request]] = api.createWaiver.mock.calls;
    expect(request).not.toHaveProperty('cluster');
    // At the limit: 14 days from now, less the minute's margin for the clocks.
    expect(Date.parse(request.expiresAt) - Date.now()).toBeLessThanOrEqual(
      14 * DAY_MS,
    );
  });
});
