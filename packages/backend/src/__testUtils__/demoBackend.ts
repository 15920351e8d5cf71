import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Simulator } from '@kube-reserve/cluster-sim';
import { parse } from 'yaml';
import { demoBackendFeatures } from '../features';

const root = resolve(__dirname, '../../../..');

/** The repository's root, where app-config.yaml and examples/ are. */
export const repositoryRoot = root;

/**
 * app-config.yaml as the demo reads it, with the simulated clusters on the free ports of this
 * test's simulator (the demo's fixed ports may be in use) and absolute catalog locations.
 */
export function demoConfig(sim: Simulator) {
  const config = parse(readFileSync(resolve(root, 'app-config.yaml'), 'utf8'));
  const caData = Buffer.from(sim.caPem).toString('base64');
  for (const cluster of config.kubernetes.clusterLocatorMethods[0].clusters) {
    const simulated = sim.cluster(cluster.name);
    cluster.url = simulated.url;
    cluster.serviceAccountToken = simulated.token('reserve-reader');
    cluster.caData = caData;
  }
  // Each cluster's operator token is a $file in the demo, written by `yarn start`.
  for (const [name, facts] of Object.entries<{ operatorToken?: unknown }>(
    config.reserve.clusters,
  )) {
    facts.operatorToken = sim.cluster(name).token('reserve-operator');
  }
  for (const location of config.catalog.locations) {
    location.target = resolve(root, 'packages/backend', location.target);
  }
  config.catalog.processingInterval = { seconds: 1 };
  // The guest provider refuses to run outside NODE_ENV=development unless told to.
  config.auth.providers.guest.dangerouslyAllowOutsideDevelopment = true;
  config.reserve.refresh = {
    frequency: { seconds: 1 },
    timeout: { seconds: 2 },
  };
  return config;
}

/** The demo backend's features with the given config, as `index.ts` starts them. */
export function startDemoTestBackend(config: object) {
  return startTestBackend({
    features: [
      ...demoBackendFeatures(),
      // Real sign-in, tokens and permission checks, so the demo's policy decides.
      authServiceFactory,
      httpAuthServiceFactory,
      userInfoServiceFactory,
      permissionsServiceFactory,
      schedulerServiceFactory,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
}

/** Reads until `ok` holds or 30 s passed; the last value read either way. */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise(r => setTimeout(r, 200));
  }
}
