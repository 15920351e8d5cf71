import { Table, TableColumn } from '@backstage/core-components';
import { ClusterSummary } from '@kube-reserve/plugin-reserve-common';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { formatDuration } from '../../presentation/age';
import { CertificateExpiry } from '../CertificateExpiry';
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

/** Clusters with their facts and the status of their last collection. */
export function ClustersTable(props: {
  clusters: readonly ClusterListItem[];
  title?: string;
  emptyContent?: ReactNode;
}) {
  const columns: TableColumn<Row>[] = [
    {
      title: 'Cluster',
      field: 'name',
      highlight: true,
      render: r => r.title ?? r.name,
    },
    {
      title: 'Role',
      field: 'summary.role',
      render: r => r.summary?.role ?? dash,
    },
    {
      title: 'Site',
      field: 'summary.site',
      render: r => r.summary?.site ?? dash,
    },
    {
      title: 'Provider',
      field: 'summary.provider',
      render: r => r.summary?.provider ?? dash,
    },
    {
      title: 'Region',
      field: 'summary.region',
      render: r => r.summary?.region ?? dash,
    },
    {
      title: 'Kubernetes',
      field: 'summary.version',
      render: r => r.summary?.version ?? dash,
    },
    {
      title: 'API certificate',
      field: 'summary.apiCertificate.notAfter',
      render: r =>
        r.summary ? (
          <CertificateExpiry notAfter={r.summary.apiCertificate?.notAfter} />
        ) : (
          dash
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
      title: 'Data age',
      field: 'summary.snapshotAgeMs',
      type: 'numeric',
      render: r =>
        r.summary?.snapshotAgeMs === undefined
          ? dash
          : formatDuration(r.summary.snapshotAgeMs),
    },
  ];
  return (
    <Table<Row>
      title={props.title ?? 'Clusters'}
      columns={columns}
      data={props.clusters.map(c => ({ ...c, id: c.name }))}
      options={{ paging: false, search: false, padding: 'dense' }}
      emptyContent={props.emptyContent}
    />
  );
}
