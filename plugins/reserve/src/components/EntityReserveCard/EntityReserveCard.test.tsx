import { screen, within } from '@testing-library/react';
import {
  component,
  notReadyReport,
  readyReport,
  unknownClusterReport,
} from '../../__testUtils__/reports';
import {
  mockReserveApi,
  renderWithReserveApi,
} from '../../__testUtils__/renderWithReserveApi';
import { responseError } from '../../__testUtils__/responseError';
import { EntityReserveCard } from './EntityReserveCard';

describe('EntityReserveCard', () => {
  it('shows a ready service with its score, data age and a link to the Reserve tab', async () => {
    const api = mockReserveApi();
    api.getEntityReport.mockResolvedValue(readyReport);
    await renderWithReserveApi(<EntityReserveCard />, {
      api,
      entity: component('checkout'),
    });

    expect(await screen.findByText('Ready')).toBeInTheDocument();
    expect(screen.getByLabelText('Score')).toHaveTextContent('100');
    expect(
      screen.getByText('Every applicable check passes.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/from cluster data up to 12 s old/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Checks and remediation/ }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout/reserve');
  });

  it('lists the three worst findings of a service that is not ready, most severe first', async () => {
    const api = mockReserveApi();
    api.getEntityReport.mockResolvedValue(notReadyReport);
    await renderWithReserveApi(<EntityReserveCard />, {
      api,
      entity: component('payments-api'),
    });

    expect(await screen.findByText('Not ready')).toBeInTheDocument();
    const findings = within(
      screen.getByRole('list', { name: 'Worst findings' }),
    )
      .getAllByRole('listitem')
      .map(item => item.textContent);
    expect(findings).toHaveLength(3);
    expect(findings.slice(0, 2).sort()).toEqual([
      'Same images on both sidesreserve-ams runs payments-api:1.4.1, the primary 1.5.0',
      'The newest backup is within the RPOThe newest backup is 3 days old; the RPO is 4h',
    ]);
    expect(findings[2]).toMatch(/^Same pod templates on both sides/);
    expect(findings.join(' ')).not.toMatch(/A reserve cluster exists/);
  });

  it('shows an unknown verdict in grey when a cluster did not answer', async () => {
    const api = mockReserveApi();
    api.getEntityReport.mockResolvedValue(unknownClusterReport);
    await renderWithReserveApi(<EntityReserveCard />, {
      api,
      entity: component('search-indexer'),
    });

    expect(await screen.findByText('Unknown')).toBeInTheDocument();
    expect(screen.queryByLabelText('Status ok')).not.toBeInTheDocument();
  });

  it('says what is missing for an entity without Kubernetes annotations', async () => {
    const api = mockReserveApi();
    await renderWithReserveApi(<EntityReserveCard />, {
      api,
      entity: component('legacy-batch', false),
    });

    expect(screen.getByText('No Kubernetes objects')).toBeInTheDocument();
    expect(api.getEntityReport).not.toHaveBeenCalled();
  });

  it('surfaces the backend error message', async () => {
    const api = mockReserveApi();
    api.getEntityReport.mockRejectedValue(
      await responseError(
        404,
        'NotFoundError',
        'No entity component:default/checkout',
      ),
    );
    await renderWithReserveApi(<EntityReserveCard />, {
      api,
      entity: component('checkout'),
    });

    expect(
      await screen.findByText(
        'Error: 404: No entity component:default/checkout',
      ),
    ).toBeInTheDocument();
  });
});
