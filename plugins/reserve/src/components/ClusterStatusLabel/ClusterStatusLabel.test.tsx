import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ClusterStatusLabel } from './ClusterStatusLabel';

describe('ClusterStatusLabel', () => {
  it('shows a reachable cluster as OK and names the kinds it may not read', async () => {
    await renderInTestApp(
      <ClusterStatusLabel
        status={{
          state: 'ok',
          kinds: {
            secrets: { state: 'forbidden', message: 'secrets is forbidden' },
            deployments: { state: 'ok' },
          },
        }}
      />,
    );
    expect(screen.getByLabelText('Status ok')).toHaveTextContent('OK');
    expect(screen.getByText('Forbidden: secrets')).toBeInTheDocument();
  });

  it('names the kinds that failed to list, with the age of the data still shown for them', async () => {
    const listedAt = new Date(Date.now() - 12_000).toISOString();
    await renderInTestApp(
      <ClusterStatusLabel
        status={{
          state: 'ok',
          kinds: {
            deployments: {
              state: 'failed',
              message: 'no answer within the timeout',
              listedAt,
            },
            leases: { state: 'failed', message: 'the server is on fire' },
          },
        }}
      />,
    );
    expect(
      screen.getByText(
        'Failed to list: deployments (showing data from 12 s ago), leases',
      ),
    ).toBeInTheDocument();
  });

  it('says a cluster whose kinds are all watched shows changes within seconds', async () => {
    await renderInTestApp(
      <ClusterStatusLabel
        status={{
          state: 'ok',
          kinds: {
            deployments: { state: 'ok', collection: 'watch' },
            secrets: { state: 'ok', collection: 'watch' },
          },
        }}
      />,
    );
    expect(
      screen.getByText('Watched: changes show within seconds'),
    ).toBeInTheDocument();
  });

  it('names the kinds listed every refresh instead of watched, with why on hover', async () => {
    const why =
      'the cluster refuses to watch secrets (HTTP 403); watching again in 225 s';
    await renderInTestApp(
      <ClusterStatusLabel
        status={{
          state: 'ok',
          kinds: {
            deployments: { state: 'ok', collection: 'watch' },
            secrets: { state: 'ok', collection: 'poll', pollReason: why },
          },
        }}
      />,
    );
    const line = screen.getByText('Listed every refresh, not watched: secrets');
    await userEvent.hover(line);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(why);
  });

  it('shows an unreachable cluster in red with the reason', async () => {
    await renderInTestApp(
      <ClusterStatusLabel
        status={{
          state: 'unreachable',
          message: 'connect ECONNREFUSED',
          kinds: {
            deployments: {
              state: 'failed',
              message: 'connect ECONNREFUSED',
              listedAt: new Date(Date.now() - 12_000).toISOString(),
            },
            cronjobs: { state: 'failed', message: 'connect ECONNREFUSED' },
          },
        }}
      />,
    );
    expect(screen.getByLabelText('Status error')).toHaveTextContent(
      'Unreachable',
    );
    expect(screen.getByText('connect ECONNREFUSED')).toBeInTheDocument();
    // Every kind failed with it: said once, not kind by kind.
    expect(screen.queryByText(/Failed to list/)).not.toBeInTheDocument();
  });

  it('shows a stale cluster as a warning with how long it has been failing', async () => {
    await renderInTestApp(
      <ClusterStatusLabel
        status={{
          state: 'stale',
          staleSince: new Date(Date.now() - 5 * 60_000).toISOString(),
          kinds: {},
        }}
      />,
    );
    expect(screen.getByLabelText('Status warning')).toHaveTextContent(
      'Stale since 5 min ago',
    );
  });
});
