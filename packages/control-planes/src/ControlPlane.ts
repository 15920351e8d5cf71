import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  CertificateAuthority,
  ClusterFixture,
  RENEW_ANNOTATION,
  generateKeyPair,
  issueServingCertificate,
  parseInstant,
  userOf,
} from '@kube-reserve/cluster-sim';
import { KubeApi, KubeObject } from './KubeApi';
import { ProcessGroup } from './ProcessGroup';
import { BinaryPaths, freePort, waitUntil, writeKubeconfig } from './processes';

const YEAR = 365 * 86_400_000;

/** A started control plane: where it listens and how to reach it. */
export interface StartedControlPlane {
  name: string;
  /** `https://127.0.0.1:<port>`: served with the fixture's certificate. */
  url: string;
  /** A token in `system:masters`, for seeding and for tests that need to see everything. */
  adminToken: string;
  /** The client for the admin token. */
  admin: KubeApi;
  /** A kubeconfig with the admin token (what the controllers, KWOK and Velero use). */
  adminKubeconfig: string;
}

/**
 * Starts one cluster's control plane: kube-apiserver (RBAC, the fixture's tokens as static
 * tokens of service-account users), the controller manager, the scheduler and KWOK, all on
 * loopback, with the shared etcd under the cluster's own prefix.
 *
 * The API server presents two certificates: the fixture's (its expiry as the fixture says, even
 * in the past) to clients that connect by IP address, which is how the collector and tests
 * connect, and a valid one for the name `localhost`, which the controllers use, so that a
 * fixture's expired certificate breaks Kube Reserve's view and not the cluster.
 */
export async function startControlPlane(options: {
  fixture: ClusterFixture;
  binaries: BinaryPaths;
  group: ProcessGroup;
  ca: CertificateAuthority;
  caFile: string;
  etcdUrl: string;
  /** KWOK's stage files: what nodes and pods do without kubelets. */
  kwokStages: string[];
  /** The API server's port; a free one if unset. */
  port?: number;
  dir: string;
  now: Date;
}): Promise<StartedControlPlane> {
  const { fixture, binaries, group, ca, caFile, dir } = options;
  fs.mkdirSync(dir, { recursive: true });
  const file = (name: string, content: string) => {
    const target = path.join(dir, name);
    fs.writeFileSync(target, content, { mode: 0o600 });
    return target;
  };

  const notAfter =
    (fixture.certificate &&
      parseInstant(fixture.certificate.notAfter, options.now)) ||
    new Date(options.now.getTime() + YEAR);
  const fixtureCert = issueServingCertificate(
    ca,
    generateKeyPair(),
    fixture.name,
    notAfter,
  );
  const internalCert = issueServingCertificate(
    ca,
    generateKeyPair(),
    'localhost',
    new Date(options.now.getTime() + YEAR),
  );
  const serviceAccountKey = generateKeyPair();
  const adminToken = randomBytes(24).toString('hex');
  // token,user,uid,"groups": the fixture's tokens authenticate as the service accounts they
  // are named after, so RBAC bindings to those service accounts apply to them.
  const tokenRows = [
    `${adminToken},kube-reserve-admin,kube-reserve-admin,"system:masters"`,
    ...fixture.tokens.map(token => {
      const namespace = token.namespace ?? 'kube-system';
      const user = userOf(token);
      return `${token.token},${user},${user},"system:serviceaccounts,system:serviceaccounts:${namespace}"`;
    }),
  ];
  const port = options.port ?? (await freePort());
  const url = `https://127.0.0.1:${port}`;

  const apiserver = group.start(
    `${fixture.name}-kube-apiserver`,
    binaries['kube-apiserver'],
    [
      `--etcd-servers=${options.etcdUrl}`,
      `--etcd-prefix=/registry/${fixture.name}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      // Loopback cannot be the `kubernetes` Service's endpoint; nothing in the cluster needs it.
      '--endpoint-reconciler-type=none',
      `--secure-port=${port}`,
      `--tls-cert-file=${file('serving.crt', fixtureCert.certPem)}`,
      `--tls-private-key-file=${file('serving.key', fixtureCert.keyPem)}`,
      `--tls-sni-cert-key=${file('internal.crt', internalCert.certPem)},${file(
        'internal.key',
        internalCert.keyPem,
      )}:localhost`,
      `--token-auth-file=${file('tokens.csv', `${tokenRows.join('\n')}\n`)}`,
      '--anonymous-auth=false',
      '--authorization-mode=RBAC',
      `--service-account-key-file=${file(
        'sa.pub',
        serviceAccountKey.publicKeyPem,
      )}`,
      `--service-account-signing-key-file=${file(
        'sa.key',
        serviceAccountKey.privateKeyPem,
      )}`,
      '--service-account-issuer=https://kubernetes.default.svc',
      '--service-cluster-ip-range=10.96.0.0/16',
      `--cert-dir=${dir}`,
      '--profiling=false',
      '--enable-priority-and-fairness=false',
      '--v=1',
    ],
  );
  const admin = new KubeApi(url, adminToken, ca.certPem);
  await waitUntil(
    `${fixture.name}: kube-apiserver /readyz`,
    async () => {
      await admin.request('GET', '/readyz');
      return true;
    },
    { process: apiserver, timeoutMs: 90_000 },
  );

  const kubeconfig = writeKubeconfig(path.join(dir, 'admin.kubeconfig'), {
    url: `https://localhost:${port}`,
    caFile,
    token: adminToken,
    name: fixture.name,
  });
  group.start(
    `${fixture.name}-kube-controller-manager`,
    binaries['kube-controller-manager'],
    [
      `--kubeconfig=${kubeconfig}`,
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
      ...leaderElection(fixture, 'kube-controller-manager'),
      '--bind-address=127.0.0.1',
      `--secure-port=${await freePort()}`,
      `--service-account-private-key-file=${path.join(dir, 'sa.key')}`,
      `--root-ca-file=${caFile}`,
      '--use-service-account-credentials=false',
      // KWOK's heartbeats come late on a loaded machine: a node is not taken for lost before a
      // minute without one (the fixture's not-ready nodes say so in their own status).
      '--node-monitor-grace-period=60s',
      '--profiling=false',
      '--v=1',
    ],
  );
  group.start(`${fixture.name}-kube-scheduler`, binaries['kube-scheduler'], [
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    ...leaderElection(fixture, 'kube-scheduler'),
    '--bind-address=127.0.0.1',
    `--secure-port=${await freePort()}`,
    '--profiling=false',
    '--v=1',
  ]);
  group.start(`${fixture.name}-kwok`, binaries.kwok, [
    `--kubeconfig=${kubeconfig}`,
    '--manage-all-nodes=false',
    '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
    `--server-address=127.0.0.1:${await freePort()}`,
    '--node-lease-duration-seconds=40',
    ...options.kwokStages.map(stage => `--config=${stage}`),
    '--v=INFO',
  ]);

  return {
    name: fixture.name,
    url,
    adminToken,
    admin,
    adminKubeconfig: kubeconfig,
  };
}

/**
 * The controller manager and the scheduler elect a leader as on any cluster, and so renew their
 * kube-system Lease, which seeding then leaves to them (see `isRenewedByItsComponent`). A
 * fixture whose Lease for one of them is not renewed (no renew annotation: a dead leader) keeps
 * it as written: the component elects itself through a Lease of another name.
 */
function leaderElection(fixture: ClusterFixture, component: string): string[] {
  const lease = fixture.manifests?.find(
    m =>
      m.kind === 'Lease' &&
      m.metadata.namespace === 'kube-system' &&
      m.metadata.name === component,
  );
  const stale = lease && !isRenewedByItsComponent(lease);
  return [
    '--leader-elect=true',
    ...(stale
      ? [`--leader-elect-resource-name=${component}-kube-reserve-standby`]
      : []),
  ];
}

/** A kube-system Lease of a component that runs here, marked to be renewed: the component's own. */
export function isRenewedByItsComponent(object: KubeObject): boolean {
  return (
    object.kind === 'Lease' &&
    object.metadata.namespace === 'kube-system' &&
    ['kube-controller-manager', 'kube-scheduler'].includes(
      object.metadata.name,
    ) &&
    object.metadata.annotations?.[RENEW_ANNOTATION] === 'true'
  );
}
