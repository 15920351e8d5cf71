import {
  aDeployment,
  aNode,
  aPrimary,
  anEntityView,
  unreachable,
  withoutKind,
} from '../__fixtures__/builders';
import { checkSpread } from './spread';

const zoneSpread = {
  maxSkew: 1,
  topologyKey: 'topology.kubernetes.io/zone',
  whenUnsatisfiable: 'ScheduleAnyway',
};
const oneZone = [aNode('fra-w-1', 'fra1-a'), aNode('fra-w-2', 'fra1-a')];
const twoZones = [aNode('fra-w-1', 'fra1-a'), aNode('fra-w-2', 'fra1-b')];

describe('workload.spread', () => {
  it('passes pods spread across nodes when all nodes share one zone', () => {
    const primary = aPrimary({
      deployments: [aDeployment('api')],
      nodes: oneZone,
    });
    expect(checkSpread(anEntityView({ primary })).state).toBe('pass');
  });

  it('passes pods spread across nodes and zones', () => {
    const deployment = aDeployment('api');
    deployment.spec!.template.spec!.topologySpreadConstraints!.push(zoneSpread);
    const primary = aPrimary({ deployments: [deployment], nodes: twoZones });
    expect(checkSpread(anEntityView({ primary })).state).toBe('pass');
  });

  it('passes a podAntiAffinity on the hostname', () => {
    const deployment = aDeployment('api', {
      podSpec: {
        topologySpreadConstraints: [],
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              {
                topologyKey: 'kubernetes.io/hostname',
                labelSelector: { matchLabels: { app: 'api' } },
              },
            ],
          },
        },
      },
    });
    const primary = aPrimary({ deployments: [deployment], nodes: oneZone });
    expect(checkSpread(anEntityView({ primary })).state).toBe('pass');
  });

  it('warns when nodes span zones but the pods are not spread over them', () => {
    const primary = aPrimary({
      deployments: [aDeployment('api')],
      nodes: twoZones,
    });
    const result = checkSpread(anEntityView({ primary }));
    expect(result.state).toBe('warn');
    expect(result.message).toContain('its nodes span fra1-a, fra1-b');
  });

  it('fails pods the scheduler may pack onto one node', () => {
    const deployment = aDeployment('api', {
      podSpec: { topologySpreadConstraints: [] },
    });
    const result = checkSpread(
      anEntityView({ primary: aPrimary({ deployments: [deployment] }) }),
    );
    expect(result.state).toBe('fail');
    expect(result.message).toContain('is not spread across nodes');
  });

  it('is unknown whether zones apply when nodes cannot be read', () => {
    const primary = withoutKind(
      aPrimary({ deployments: [aDeployment('api')] }),
      'nodes',
    );
    const result = checkSpread(anEntityView({ primary }));
    expect(result.state).toBe('unknown');
    expect(result.message).toContain('nodes forbidden on prod-fra');
  });

  it('is unknown when the primary is unreachable', () => {
    const primary = unreachable(
      aPrimary({ deployments: [aDeployment('api')] }),
    );
    expect(checkSpread(anEntityView({ primary })).state).toBe('unknown');
  });

  it('does not apply without Deployments or StatefulSets', () => {
    expect(checkSpread(anEntityView()).state).toBe('not-applicable');
  });
});
