import { Table, TableColumn } from '@backstage/core-components';
import {
  ClusterSummary,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import {
  compareByCertificateExpiry,
  describeCertificate,
  describeControlPlane,
  describeLeaderElection,
  describeNodes,
  describeSupport,
  platformCheck,
} from '../../presentation/platformFacts';
import { CertificateExpiry } from '../CertificateExpiry';
import { CheckStateStatus } from '../CheckStateStatus';
import { ClusterStatusLabel } from '../ClusterStatusLabel';

/** A cluster to list: its name, and its summary when Kube Reserve knows it. */
export interface ClusterListItem {
  name: string;
  /** Display name, e.g. the catalog entity's title. */
  title?: string;
  summary?: ClusterSummary;
}

type Row = ClusterListItem & { id: string };

const dash = '—';

function Caption(props: { children: ReactNode }) {
  return (
    <Typography variant="caption" color="textSecondary" display="block">
      {props.children}
    </Typography>
  );
}

function Where(props: { summary: ClusterSummary }) {
  const { role, site, provider, region } = props.summary;
  const facts = [role, site, provider, region].filter(Boolean) as string[];
  return (
    <Caption>
      {facts.map((fact, i) => (
        <span key={`${i}-${fact}`}>
          {i > 0 && ' · '}
          <span>{fact}</span>
        </span>
      ))}
    </Caption>
  );
}

function Certificate(props: { summary: ClusterSummary }) {
  const { platform, apiCertificate } = props.summary;
  if (!platform) {
    return <CertificateExpiry notAfter={apiCertificate?.notAfter} />;
  }
  return (
    <CheckStateStatus
      state={platformCheck(platform, 'platform.api-cert').state}
      label={describeCertificate(
        platform.apiCertificateDaysLeft,
        platform.apiCertificateNotAfter,
      )}
    />
  );
}

function Version(props: { summary: ClusterSummary }) {
  const { platform, version } = props.summary;
  if (!platform) {
    return <>{version ?? dash}</>;
  }
  return (
    <>
      <CheckStateStatus
        state={platformCheck(platform, 'platform.version-supported').state}
        label={platform.version ?? version ?? 'Unknown'}
      />
      <Caption>{describeSupport(platform.support)}</Caption>
    </>
  );
}

// The cluster-scoped platform facts, or a dash for a cluster without them.
function platformCell(
  render: (platform: NonNullable<ClusterSummary['platform']>) => ReactNode,
) {
  return (r: Row) => (r.summary?.platform ? render(r.summary.platform) : dash);
}

const columns: TableColumn<Row>[] = [
  {
    title: 'Cluster',
    field: 'name',
    highlight: true,
    render: r => (
      <>
        {r.title ?? r.name}
        {r.summary && <Where summary={r.summary} />}
      </>
    ),
  },
  {
    title: 'Status',
    field: 'summary.status.state',
    render: r =>
      r.summary ? (
        <ClusterStatusLabel status={r.summary.status} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          Not configured in Kube Reserve
        </Typography>
      ),
  },
  {
    title: 'API certificate',
    field: 'summary.apiCertificate.notAfter',
    customSort: (a, b) => compareByCertificateExpiry(a, b),
    render: r => (r.summary ? <Certificate summary={r.summary} /> : dash),
  },
  {
    title: 'Kubernetes',
    field: 'summary.version',
    render: r => (r.summary ? <Version summary={r.summary} /> : dash),
  },
  {
    title: 'Control plane',
    field: 'summary.platform.controlPlaneNodes',
    render: platformCell(p => (
      <CheckStateStatus
        state={platformCheck(p, 'platform.control-plane').state}
        label={describeControlPlane(p)}
      />
    )),
  },
  {
    title: 'Leader election',
    field: 'summary.platform.leaderElection',
    sorting: false,
    render: platformCell(p => (
      <CheckStateStatus
        state={platformCheck(p, 'platform.leader-election').state}
        label={describeLeaderElection(p.leaderElection)}
      />
    )),
  },
  {
    title: 'Nodes',
    field: 'summary.platform.nodes.ready',
    render: platformCell(p => (
      <>
        <CheckStateStatus
          state={platformCheck(p, 'platform.nodes').state}
          label={describeNodes(p.nodes)}
        />
        <Caption>
          {p.zones && p.zones.length > 0
            ? `Zones: ${p.zones.join(', ')}`
            : 'No zone labels'}
        </Caption>
      </>
    )),
  },
  {
    title: 'Data age',
    field: 'summary.snapshotAgeMs',
    type: 'numeric',
    render: r =>
      r.summary?.snapshotAgeMs === undefined
        ? dash
        : formatDuration(r.summary.snapshotAgeMs),
  },
];

/**
 * Clusters with their platform facts (certificate, version support, control plane, leader
 * election, nodes) and collection status, the certificate expiring soonest first.
 */
export function ClustersTable(props: {
  clusters: readonly ClusterListItem[];
  title?: string;
  emptyContent?: ReactNode;
}) {
  const data = [...props.clusters]
    .sort(compareByCertificateExpiry)
    .map(c => ({ ...c, id: c.name }));
  return (
    <Table<Row>
      title={props.title ?? 'Clusters'}
      columns={columns}
      data={data}
      options={{ paging: false, search: false, padding: 'dense' }}
      emptyContent={props.emptyContent}
    />
  );
}
