import {
  aHealthyCluster,
  anEntityView,
  anIngress,
  anIngressClass,
  anIngressNginxBudget,
  anIngressNginxController,
  primaryFacts,
  reserveFacts,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { ClusterObjectLists } from '../../view/EntityView';
import { checkIngressController } from './ingressController';

const shopIngress = anIngress('shop', ['shop.example.com'], 'nginx');

function viewWithReserve(
  lists: Partial<ClusterObjectLists>,
  ingresses = [shopIngress],
) {
  return anEntityView({
    primary: aHealthyCluster(primaryFacts, {
      ingresses,
      ingressClasses: [anIngressClass('nginx', true)],
    }),
    reserves: [
      aHealthyCluster(reserveFacts, {
        ingresses,
        ingressClasses: [anIngressClass('nginx', true)],
        ...lists,
      }),
    ],
  });
}

describe('platform.ingress-controller', () => {
  it('passes a controller with two replicas and a PDB on every cluster', () => {
    const result = checkIngressController(viewWithReserve({}));
    expect(result.state).toBe('pass');
    expect(result.clusters.map(c => c.state)).toEqual(['pass', 'pass']);
  });

  it('fails one replica without a PDB, as on reserve-fra-b', () => {
    const result = checkIngressController(
      viewWithReserve({
        clusterDeployments: [anIngressNginxController(1)],
        clusterPodDisruptionBudgets: [],
      }),
    );
    expect(result.state).toBe('fail');
    expect(result.clusters[1].evidence).toEqual([
      'ingress controller Deployment ingress-nginx/ingress-nginx-controller (IngressClass nginx) on reserve-ams runs 1 replica',
      'ingress controller Deployment ingress-nginx/ingress-nginx-controller (IngressClass nginx) on reserve-ams has no PodDisruptionBudget',
    ]);
  });

  it('warns about a PDB that allows no disruption', () => {
    const result = checkIngressController(
      viewWithReserve({
        clusterPodDisruptionBudgets: [
          anIngressNginxBudget({ minAvailable: 2 }),
        ],
      }),
    );
    expect(result.clusters[1].state).toBe('warn');
  });

  it('finds the controller by its app.kubernetes.io/name label when its flags do not name the class', () => {
    const result = checkIngressController(
      viewWithReserve({
        clusterDeployments: [
          anIngressNginxController(1, { args: ['/nginx-ingress-controller'] }),
        ],
      }),
    );
    expect(result.clusters[1]).toMatchObject({
      state: 'fail',
      message: expect.stringContaining('runs 1 replica'),
    });
  });

  it('is unknown when no Deployment runs the controller', () => {
    const result = checkIngressController(
      viewWithReserve({ clusterDeployments: [] }),
    );
    expect(result.clusters[1]).toMatchObject({
      state: 'unknown',
      message: expect.stringContaining(
        'no Deployment on reserve-ams runs controller k8s.io/ingress-nginx',
      ),
    });
  });

  it('fails when the IngressClass is missing on a cluster', () => {
    const result = checkIngressController(
      viewWithReserve({ ingressClasses: [] }),
    );
    expect(result.clusters[1].message).toContain(
      'IngressClass nginx does not exist on reserve-ams',
    );
  });

  it('follows Ingresses without a class to the cluster default', () => {
    const unclassed = anIngress('shop', ['shop.example.com']);
    const result = checkIngressController(
      viewWithReserve({ clusterDeployments: [anIngressNginxController(1)] }, [
        unclassed,
      ]),
    );
    expect(result.clusters[1].state).toBe('fail');
    expect(result.clusters[0].state).toBe('pass');
  });

  it("judges the cluster's default controller for an entity without Ingresses", () => {
    const result = checkIngressController(
      viewWithReserve(
        { clusterDeployments: [anIngressNginxController(1)] },
        [],
      ),
    );
    expect(result.clusters.map(c => c.state)).toEqual(['pass', 'fail']);
  });

  it('does not apply on a cluster without IngressClass to an entity without Ingresses', () => {
    const result = checkIngressController(
      viewWithReserve({ ingressClasses: [] }, []),
    );
    expect(result.clusters[1]).toMatchObject({
      state: 'not-applicable',
      message: 'reserve-ams has no IngressClass, and the entity no Ingress',
    });
  });

  it('does not apply on a cluster without IngressClass even when its Deployments cannot be read', () => {
    const view = viewWithReserve({ ingressClasses: [] }, []);
    view.reserves[0] = withoutKind(view.reserves[0], 'clusterDeployments');
    expect(checkIngressController(view).clusters[1].state).toBe(
      'not-applicable',
    );
  });

  it('fails when an Ingress without class meets a cluster without default class', () => {
    const unclassed = anIngress('shop', ['shop.example.com']);
    const result = checkIngressController(
      viewWithReserve({ ingressClasses: [anIngressClass('nginx')] }, [
        unclassed,
      ]),
    );
    expect(result.clusters[1].message).toContain(
      'relies on a default IngressClass',
    );
  });

  it('looks at the primary only for mode none', () => {
    const view = viewWithReserve({
      clusterDeployments: [anIngressNginxController(1)],
    });
    view.policy.mode = 'none';
    const result = checkIngressController(view);
    expect(result.state).toBe('pass');
    expect(result.clusters.map(c => c.cluster)).toEqual(['prod-fra']);
  });

  it('is unknown where cluster Deployments cannot be read', () => {
    const view = viewWithReserve({});
    view.reserves[0] = withoutKind(view.reserves[0], 'clusterDeployments');
    expect(checkIngressController(view).clusters[1].state).toBe('unknown');
  });
});
