import { Table, TableColumn } from '@backstage/core-components';
import {
  ClusterSummary,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import {
  compareByCertificateExpiry,
  describeCertificate,
  describeControlPlane,
  describeLeaderElection,
  describeStaleLeases,
  describeNodes,
  describeSupport,
  platformCheck,
} from '../../presentation/platformFacts';
import { contentSizedColumns } from '../../presentation/tableColumns';
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

const useStyles = makeStyles({
  // A name never wraps (`reserve-fra-` / `b`), nor does a lease's one line.
  name: { whiteSpace: 'nowrap' },
});

function Name(props: { children: ReactNode }) {
  const classes = useStyles();
  return <span className={classes.name}>{props.children}</span>;
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
        <Name>{r.title ?? r.name}</Name>
        {r.summary && <Where summary={r.summary} />}
      </>
    ),
  },
  {
    title: 'Status',
    field: 'summary.status.state',
    render: r =>
      r.summary ? (
        <>
          <ClusterStatusLabel status={r.summary.status} />
          {r.summary.snapshotAgeMs !== undefined && (
            <Caption>
              data {formatDuration(r.summary.snapshotAgeMs)} old
            </Caption>
          )}
        </>
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
      <>
        <CheckStateStatus
          state={platformCheck(p, 'platform.leader-election').state}
          label={describeLeaderElection(p.leaderElection)}
        />
        {describeStaleLeases(p.leaderElection).map(line => (
          <Caption key={line}>
            <Name>{line}</Name>
          </Caption>
        ))}
      </>
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
];

/**
 * Clusters with their platform facts (certificate, version support, control plane, leader
 * election, nodes) and collection status with the data's age, the certificate expiring
 * soonest first.
 */
export function ClustersTable(props: {
  clusters: readonly ClusterListItem[];
  title?: string;
  emptyContent?: ReactNode;
}) {
  const theme = useTheme();
  const data = [...props.clusters]
    .sort(compareByCertificateExpiry)
    .map(c => ({ ...c, id: c.name }));
  return (
    <Table<Row>
      title={props.title ?? 'Clusters'}
      // Seven columns: narrower gutters than the theme's, so that the table fits at 1280 px.
      columns={contentSizedColumns(columns, {
        padding: theme.spacing(1.5, 1, 1.5, 1.5),
      })}
      data={data}
      options={{ paging: false, search: false, padding: 'dense' }}
      emptyContent={props.emptyContent}
    />
  );
}
