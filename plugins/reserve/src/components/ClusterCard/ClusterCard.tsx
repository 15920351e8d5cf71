import { InfoCard } from '@backstage/core-components';
import {
  ClusterSummary,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { ReactNode } from 'react';
import { CertificateExpiry } from '../CertificateExpiry';
import { ClusterStatusLabel } from '../ClusterStatusLabel';

const unknown = '—';

/** One cluster's facts: site, provider, region, Kubernetes version, certificate and status. */
export function ClusterCard(props: {
  cluster: ClusterSummary | { name: string };
  /** What the cluster is to the reader, e.g. `Primary` or `Reserve`. */
  roleLabel: string;
}) {
  const { cluster, roleLabel } = props;
  const summary = 'status' in cluster ? cluster : undefined;
  const facts: Array<[string, ReactNode]> = summary
    ? [
        ['Site', summary.site ?? unknown],
        ['Provider', summary.provider ?? unknown],
        ['Region', summary.region ?? unknown],
        ['Kubernetes', summary.version ?? unknown],
        [
          'API certificate',
          <CertificateExpiry notAfter={summary.apiCertificate?.notAfter} />,
        ],
        ['Status', <ClusterStatusLabel status={summary.status} />],
        [
          'Data age',
          summary.snapshotAgeMs === undefined
            ? unknown
            : formatDuration(summary.snapshotAgeMs),
        ],
      ]
    : [['Status', 'Not configured in Kube Reserve']];
  return (
    <InfoCard title={cluster.name} subheader={roleLabel} variant="gridItem">
      <Table size="small" aria-label={`Facts of ${cluster.name}`}>
        <TableBody>
          {facts.map(([label, value]) => (
            <TableRow key={label}>
              <TableCell component="th" scope="row">
                {label}
              </TableCell>
              <TableCell>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
