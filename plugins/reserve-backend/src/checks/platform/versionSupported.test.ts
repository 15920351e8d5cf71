import {
  aHealthyCluster,
  anEntityView,
  primaryFacts,
  reserveFacts,
  unreachable,
} from '../../view/__fixtures__/builders';
import { defaultPlatformThresholds } from '../../platform/thresholds';
import {
  checkVersionSupported,
  versionSupportedResult,
} from './versionSupported';

const at = (iso: string) => ({
  now: new Date(iso),
  thresholds: defaultPlatformThresholds,
});

describe('platform.version-supported', () => {
  const cluster = (version?: string) =>
    aHealthyCluster(reserveFacts, {}, { version });

  it('passes a supported minor', () => {
    const result = versionSupportedResult(
      cluster('v1.35.1'),
      at('2026-11-22T12:00:00Z'),
    );
    expect(result).toMatchObject({
      state: 'pass',
      message: expect.stringContaining('2027-02-28'),
    });
  });

  it('fails a minor past end of life (1.33 after 2026-06-28)', () => {
    const result = versionSupportedResult(
      cluster('v1.33.6'),
      at('2026-11-22T12:00:00Z'),
    );
    expect(result).toMatchObject({
      state: 'fail',
      message: expect.stringContaining('reached end of life on 2026-06-28'),
    });
  });

  it('still passes on the end-of-life day itself and fails the day after', () => {
    expect(
      versionSupportedResult(cluster('v1.34.2'), at('2026-10-27T23:00:00Z'))
        .state,
    ).toBe('warn');
    expect(
      versionSupportedResult(cluster('v1.34.2'), at('2026-10-28T00:30:00Z'))
        .state,
    ).toBe('fail');
  });

  it('warns in maintenance mode (1.33 between 2026-04-28 and its end of life)', () => {
    const result = versionSupportedResult(
      cluster('v1.33.6'),
      at('2026-05-10T12:00:00Z'),
    );
    expect(result).toMatchObject({
      state: 'warn',
      message: expect.stringContaining('maintenance mode'),
    });
  });

  it('is unknown for a minor the release data does not list', () => {
    const result = versionSupportedResult(
      cluster('v1.99.0'),
      at('2026-11-22T12:00:00Z'),
    );
    expect(result).toMatchObject({
      state: 'unknown',
      message: expect.stringContaining('1.99'),
    });
  });

  it('is unknown without a version and for an unreachable cluster', () => {
    expect(
      versionSupportedResult(cluster(undefined), at('2026-11-22T12:00:00Z'))
        .state,
    ).toBe('unknown');
    expect(
      versionSupportedResult(
        unreachable(cluster('v1.35.1')),
        at('2026-11-22T12:00:00Z'),
      ).state,
    ).toBe('unknown');
  });

  it('reads provider builds such as v1.35.2-eks-a737599', () => {
    expect(
      versionSupportedResult(
        cluster('v1.35.2-eks-a737599'),
        at('2026-11-22T12:00:00Z'),
      ).state,
    ).toBe('pass');
  });

  it('reports each cluster of the pair', () => {
    const view = {
      ...anEntityView({
        primary: aHealthyCluster(primaryFacts),
        reserves: [cluster('v1.33.6')],
      }),
      now: new Date('2026-11-22T12:00:00Z'),
    };
    const result = checkVersionSupported(view);
    expect(result.state).toBe('fail');
    expect(result.clusters.map(c => [c.cluster, c.state])).toEqual([
      ['prod-fra', 'pass'],
      ['reserve-ams', 'fail'],
    ]);
  });
});
