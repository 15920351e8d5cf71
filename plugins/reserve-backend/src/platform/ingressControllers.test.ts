import type { V1Deployment, V1IngressClass } from '@kubernetes/client-node';
import { controllerDeployments } from './ingressControllers';

function aClass(name: string, controller: string): V1IngressClass {
  return { metadata: { name }, spec: { controller } };
}

function aDeployment(
  name: string,
  labels: Record<string, string>,
  args: string[] = [],
): V1Deployment {
  return {
    metadata: { name, namespace: 'ingress', labels },
    spec: {
      selector: { matchLabels: labels },
      template: { spec: { containers: [{ name: 'c', args }] } },
    },
  };
}

describe('controllerDeployments', () => {
  const nginx = aClass('nginx', 'k8s.io/ingress-nginx');
  const certManager = aDeployment('cert-manager', {
    'app.kubernetes.io/name': 'cert-manager',
  });

  it('finds ingress-nginx by its --controller-class flag', () => {
    const controller = aDeployment('ctrl', {}, [
      '--controller-class=k8s.io/ingress-nginx',
    ]);
    expect(controllerDeployments(nginx, [certManager, controller])).toEqual([
      controller,
    ]);
  });

  it('finds a controller by a class flag naming the class (Traefik)', () => {
    const traefik = aDeployment('traefik', {}, [
      '--providers.kubernetesingress.ingressclass=traefik',
    ]);
    expect(
      controllerDeployments(
        aClass('traefik', 'traefik.io/ingress-controller'),
        [traefik],
      ),
    ).toEqual([traefik]);
  });

  it('falls back to the app.kubernetes.io/name label, preferring the controller component', () => {
    const controller = aDeployment('c', {
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/component': 'controller',
    });
    const backend = aDeployment('b', {
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/component': 'default-backend',
    });
    expect(
      controllerDeployments(nginx, [certManager, backend, controller]),
    ).toEqual([controller]);
  });

  it('names the domain for controllers with a generic path (traefik.io/ingress-controller)', () => {
    const traefik = aDeployment('traefik', {
      'app.kubernetes.io/name': 'traefik',
    });
    expect(
      controllerDeployments(
        aClass('traefik', 'traefik.io/ingress-controller'),
        [traefik],
      ),
    ).toEqual([traefik]);
  });

  it('finds nothing for a controller running elsewhere', () => {
    expect(
      controllerDeployments(aClass('gce', 'k8s.io/ingress-gce'), [certManager]),
    ).toEqual([]);
  });
});
