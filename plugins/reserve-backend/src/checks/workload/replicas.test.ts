import {
  aDeployment,
  aHorizontalPodAutoscaler,
  aPrimary,
  aReserve,
  aStatefulSet,
  anEntityView,
  unreachable,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { checkReplicas } from './replicas';

describe('workload.replicas', () => {
  it('passes Deployments and StatefulSets with two replicas', () => {
    const primary = aPrimary({
      deployments: [aDeployment('api')],
      statefulSets: [aStatefulSet('db', { replicas: 3 })],
    });
    expect(checkReplicas(anEntityView({ primary })).state).toBe('pass');
  });

  it('fails a single-replica Deployment on the primary', () => {
    const primary = aPrimary({
      deployments: [aDeployment('api', { replicas: 1 })],
    });
    const result = checkReplicas(anEntityView({ primary }));
    expect(result).toMatchObject({
      state: 'fail',
      message: 'Deployment shop/api runs 1 replica on prod-fra',
    });
  });

  it('passes a single replica that an autoscaler keeps at two or more', () => {
    const primary = aPrimary({
      deployments: [aDeployment('api', { replicas: 1 })],
      horizontalPodAutoscalers: [aHorizontalPodAutoscaler('api', 2)],
    });
    expect(checkReplicas(anEntityView({ primary })).state).toBe('pass');
  });

  it('passes a Deployment without spec.replicas that an autoscaler keeps at two or more', () => {
    const deployment = aDeployment('api');
    delete deployment.spec!.replicas;
    const primary = aPrimary({
      deployments: [deployment],
      horizontalPodAutoscalers: [aHorizontalPodAutoscaler('api', 2)],
    });
    expect(checkReplicas(anEntityView({ primary })).state).toBe('pass');
  });

  it('fails a Deployment without spec.replicas and no autoscaler, as it defaults to 1', () => {
    const deployment = aDeployment('api');
    delete deployment.spec!.replicas;
    const primary = aPrimary({ deployments: [deployment] });
    expect(checkReplicas(anEntityView({ primary })).message).toBe(
      'Deployment shop/api runs 1 replica on prod-fra',
    );
  });

  it('passes a single-replica StatefulSet that an autoscaler keeps at two or more', () => {
    const autoscaler = aHorizontalPodAutoscaler('db', 3);
    autoscaler.spec!.scaleTargetRef.kind = 'StatefulSet';
    const primary = aPrimary({
      statefulSets: [aStatefulSet('db', { replicas: 1 })],
      horizontalPodAutoscalers: [autoscaler],
    });
    expect(checkReplicas(anEntityView({ primary })).state).toBe('pass');
  });

  it('does not let an autoscaler of a Deployment vouch for a StatefulSet of the same name', () => {
    const primary = aPrimary({
      statefulSets: [aStatefulSet('db', { replicas: 1 })],
      horizontalPodAutoscalers: [aHorizontalPodAutoscaler('db', 3)],
    });
    expect(checkReplicas(anEntityView({ primary })).state).toBe('fail');
  });

  it('fails a Deployment scaled to zero even with an autoscaler, which does not scale up from zero', () => {
    const primary = aPrimary({
      deployments: [aDeployment('api', { replicas: 0 })],
      horizontalPodAutoscalers: [aHorizontalPodAutoscaler('api', 2)],
    });
    expect(checkReplicas(anEntityView({ primary }))).toMatchObject({
      state: 'fail',
      message:
        'Deployment shop/api runs 0 replicas on prod-fra, and its HorizontalPodAutoscaler does not scale up from 0',
    });
  });

  it('passes a hot reserve whose single replica an autoscaler keeps at two or more', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [aDeployment('api')] }),
      reserves: [
        aReserve({
          deployments: [aDeployment('api', { replicas: 1 })],
          horizontalPodAutoscalers: [aHorizontalPodAutoscaler('api', 2)],
        }),
      ],
      policy: { mode: 'hot' },
    });
    expect(checkReplicas(view).state).toBe('pass');
  });

  it('fails an autoscaler allowed to scale down to one replica', () => {
    const primary = aPrimary({
      deployments: [aDeployment('api', { replicas: 3 })],
      horizontalPodAutoscalers: [aHorizontalPodAutoscaler('api', 1)],
    });
    const result = checkReplicas(anEntityView({ primary }));
    expect(result.state).toBe('fail');
    expect(result.message).toContain('may scale down to 1 replica');
  });

  it('checks a hot reserve, which serves traffic too', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [aDeployment('api')] }),
      reserves: [
        aReserve({ deployments: [aDeployment('api', { replicas: 1 })] }),
      ],
      policy: { mode: 'hot' },
    });
    expect(checkReplicas(view)).toMatchObject({
      state: 'fail',
      message: 'Deployment shop/api runs 1 replica on reserve-ams',
    });
  });

  it('leaves a warm reserve\u2019s reduced size to parity.capacity', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [aDeployment('api')] }),
      reserves: [
        aReserve({ deployments: [aDeployment('api', { replicas: 1 })] }),
      ],
    });
    expect(checkReplicas(view).state).toBe('pass');
  });

  it('is unknown when the primary is unreachable', () => {
    const primary = unreachable(
      aPrimary({ deployments: [aDeployment('api')] }),
    );
    expect(checkReplicas(anEntityView({ primary }))).toMatchObject({
      state: 'unknown',
      message: 'prod-fra unreachable: connect ECONNREFUSED 10.0.0.1:6443',
    });
  });

  it('is unknown for one replica when autoscalers cannot be read', () => {
    const primary = withoutKind(
      aPrimary({ deployments: [aDeployment('api', { replicas: 1 })] }),
      'horizontalPodAutoscalers',
    );
    const result = checkReplicas(anEntityView({ primary }));
    expect(result.state).toBe('unknown');
    expect(result.message).toContain(
      'horizontalpodautoscalers forbidden on prod-fra',
    );
  });

  it('does not apply to an entity without Deployments or StatefulSets', () => {
    expect(checkReplicas(anEntityView()).state).toBe('not-applicable');
  });
});
