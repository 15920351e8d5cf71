import { ClusterObjects } from './cluster/ClusterObjects';
import { ClusterState } from './cluster/ClusterState';
import { seedCluster } from './cluster/seedCluster';
import { ControllerLoop } from './controllers/ControllerLoop';
import { publishRootCa } from './controllers/rootCaPublisher';
import { ClusterFixture } from './fixtures/ClusterFixture';
import { FixtureError } from './fixtures/FixtureError';
import { loadFixtures } from './fixtures/loadFixtures';
import { expandPlaceholdersDeep, parseInstant } from './fixtures/placeholders';
import { validateCluster } from './fixtures/validateCluster';
import { Faults } from './faults/FaultState';
import { buildKubeconfig, chooseToken } from './kubeconfig';
import { ClusterServer } from './server/ClusterServer';
import { ArrivedRequest, RequestCounts } from './server/RequestCounter';
import {
  generateKeyPair,
  issueServingCertificate,
  loadOrCreateCertificateAuthority,
  ServingCertificate,
} from './tls/certificates';
import { BucketStore } from './velero/BucketStore';
import { seedBucketFromFixtures } from './velero/seedBucket';

/** How to start a simulator. */
export interface SimulatorOptions {
  /** A folder of cluster folders (see FIXTURES.md). */
  fixturesDir?: string;
  /** Inline cluster fixtures, for tests; `${now±N}` placeholders are expanded here too. */
  clusters?: ClusterFixture[];
  /** `free` (default) listens on ports the OS picks; `fixture` on each cluster.yaml's port. */
  ports?: 'free' | 'fixture';
  /** Milliseconds between controller rounds (default 2000; tests use tens). */
  pace?: number;
  /** Folder where the CA is kept (`ca.crt`, `ca.key`) and reused across runs. */
  stateDir?: string;
  /** Where controller errors go (default: console.error). */
  onControllerError?: (error: unknown, cluster: string) => void;
}

/** Switches a cluster's faults on and off at run time. */
export interface FaultSwitch {
  /** The faults switched on now. */
  get(): Faults;
  /** Replaces every fault. */
  set(faults: Faults): void;
  /** Switches on or changes the given faults, leaving the others. */
  update(faults: Faults): void;
  /** Switches every fault off. */
  clear(): void;
}

/** Counts the API requests a cluster receives, by token. */
export interface RequestTally {
  /** The requests received since the cluster started or the tally was reset. */
  counts(): RequestCounts;
  /** Starts counting from zero again. */
  reset(): void;
  /**
   * Calls the observer as each future request arrives, before the cluster handles it (a test
   * can count writes per object, or act at the moment a request arrives); answers the
   * function that stops it.
   */
  observe(observer: (request: ArrivedRequest) => void): () => void;
}

/** One running simulated cluster. */
export interface SimulatedCluster {
  /** Cluster name. */
  name: string;
  /** API server URL, e.g. https://127.0.0.1:6443. */
  url: string;
  /** The port it listens on. */
  port: number;
  /** The Kubernetes version it reports. */
  version: string;
  /** When its serving certificate expires. */
  certificateNotAfter: Date;
  /** Bearer tokens by token name. */
  tokens: Record<string, string>;
  /** The token value of the named token, or of the broad one a kubeconfig would use. */
  token(name?: string): string;
  /** Fault switches. */
  faults: FaultSwitch;
  /** The API requests it has received (refused connections never arrive, so never count). */
  requests: RequestTally;
  /** Direct object access for tests. */
  objects: ClusterObjects;
}

/** A running simulator. */
export interface Simulator {
  /** Every cluster, in fixture order. */
  clusters: SimulatedCluster[];
  /** One cluster by name; throws for an unknown name. */
  cluster(name: string): SimulatedCluster;
  /** The CA certificate (PEM) that signed every serving certificate. */
  caPem: string;
  /** A kubeconfig with a context per cluster; `user` picks a token by name in each cluster. */
  kubeconfig(options?: { user?: string }): string;
  /** The shared object storage Velero writes to. */
  bucket: BucketStore;
  /** Runs one round of every controller now. */
  tick(): void;
  /** Stops every server and timer. */
  stop(): Promise<void>;
}

const DAY = 86_400_000;

function prepareInline(fixture: ClusterFixture, now: Date): ClusterFixture {
  const where = `inline cluster ${fixture.name ?? '?'}`;
  const expanded = expandPlaceholdersDeep(fixture, now);
  validateCluster(expanded, where, now);
  return { ...expanded, source: fixture.source ?? where };
}

/** Starts a simulator: seeds every cluster, issues certificates, listens, starts controllers. */
export async function startSimulator(
  options: SimulatorOptions,
): Promise<Simulator> {
  const now = new Date();
  const fixtures = [
    ...(options.fixturesDir ? loadFixtures(options.fixturesDir, now) : []),
    ...(options.clusters ?? []).map(c => prepareInline(c, now)),
  ];
  if (fixtures.length === 0)
    throw new Error('no clusters to simulate: give fixturesDir or clusters');
  const pace = options.pace ?? 2000;
  const states = fixtures.map(f => new ClusterState(f));
  states.forEach(s => seedCluster(s, now));
  const bucket = new BucketStore();
  states.forEach(s => seedBucketFromFixtures(s, bucket));

  const ca = loadOrCreateCertificateAuthority(options.stateDir);
  // The fixtures' namespaces have theirs from the start; later ones get it at the next round.
  states.forEach(s => publishRootCa(s, ca.certPem));
  const servingKeys = generateKeyPair();
  let expired: ServingCertificate | undefined;
  // One expired certificate serves every cluster's fault; made on first use.
  const expiredCertificate = () => {
    expired ??= issueServingCertificate(
      ca,
      servingKeys,
      'expired',
      new Date(Date.now() - DAY),
    );
    return expired;
  };
  const servers: ClusterServer[] = [];
  const handles: SimulatedCluster[] = [];
  try {
    for (const state of states) {
      const fixture = state.fixture;
      const notAfter = fixture.certificate
        ? parseInstant(fixture.certificate.notAfter, now)!
        : new Date(now.getTime() + 365 * DAY);
      const server = new ClusterServer(
        state,
        {
          serving: issueServingCertificate(
            ca,
            servingKeys,
            fixture.name,
            notAfter,
          ),
          expired: expiredCertificate,
        },
        pace * 10,
      );
      servers.push(server);
      let port = 0;
      if (options.ports === 'fixture') {
        if (!fixture.port)
          throw new FixtureError(
            fixture.source ?? fixture.name,
            'port',
            'is required when starting on fixture ports',
          );
        port = fixture.port;
      }
      await server.listen(port).catch(error => {
        throw new Error(
          `cluster ${fixture.name}: cannot listen on 127.0.0.1:${port}: ${
            (error as Error).message
          }`,
        );
      });
      handles.push({
        name: fixture.name,
        url: server.url,
        port: server.port,
        version: fixture.version,
        certificateNotAfter: notAfter,
        tokens: Object.fromEntries(fixture.tokens.map(t => [t.name, t.token])),
        token: name => chooseToken(fixture.name, fixture.tokens, name).token,
        faults: {
          get: () => state.faults.get(),
          set: f => state.faults.set(f),
          update: f => state.faults.update(f),
          clear: () => state.faults.clear(),
        },
        requests: {
          counts: () => state.requests.counts(),
          reset: () => state.requests.reset(),
          observe: observer => state.requests.observe(observer),
        },
        objects: new ClusterObjects(state),
      });
    }
  } catch (error) {
    await Promise.all(servers.map(s => s.close()));
    throw error;
  }

  const loop = new ControllerLoop(
    states,
    bucket,
    pace,
    options.onControllerError ??
      ((error, cluster) => {
        // eslint-disable-next-line no-console
        console.error(
          `cluster-sim: controller error in cluster ${cluster}:`,
          error,
        );
      }),
    ca.certPem,
  );
  loop.start();

  const cluster = (name: string) => {
    const found = handles.find(h => h.name === name);
    if (!found) throw new Error(`no simulated cluster named "${name}"`);
    return found;
  };
  return {
    clusters: handles,
    cluster,
    caPem: ca.certPem,
    bucket,
    kubeconfig: ({ user } = {}) =>
      buildKubeconfig(
        handles.map((h, i) => ({
          name: h.name,
          url: h.url,
          token: chooseToken(h.name, states[i].tokens, user).token,
        })),
        ca.certPem,
      ),
    tick: () => loop.tick(new Date()),
    stop: async () => {
      loop.stop();
      await Promise.all(servers.map(s => s.close()));
    },
  };
}
