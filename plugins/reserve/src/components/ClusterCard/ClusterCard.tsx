import { InfoCard } from '@backstage/core-components';
import {
  ClusterSummary,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { CertificateExpiry } from '../CertificateExpiry';
import { ClusterStatusLabel } from '../ClusterStatusLabel';

const unknown = '—';

const useStyles = makeStyles({
  // A label never wraps, letter by letter or otherwise, whatever the length of a value beside
  // it; values wrap between words, and a long token (an address, an error) anywhere.
  label: { whiteSpace: 'nowrap', width: '1%', verticalAlign: 'top' },
  value: { overflowWrap: 'anywhere', wordBreak: 'normal' },
});

/** One cluster's facts: site, provider, region, Kubernetes version, certificate and status. */
export function ClusterCard(props: {
  cluster: ClusterSummary | { name: string };
  /** What the cluster is to the reader now, e.g. `Primary` or `Reserve`. */
  roleLabel: string;
  /** Why that is not its configured role, e.g. `Serving since the failover; configured as reserve`. */
  roleNote?: string;
}) {
  const classes = useStyles();
  const { cluster, roleLabel, roleNote } = props;
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
    <InfoCard
      title={cluster.name}
      subheader={
        // One span: the header lays its parts out in a row, trimming spaces between them.
        <span>
          {roleLabel}
          {roleNote && (
            <>
              {' · '}
              <Typography
                variant="body2"
                color="textSecondary"
                component="span"
              >
                {roleNote}
              </Typography>
            </>
          )}
        </span>
      }
      variant="gridItem"
    >
      <Table size="small" aria-label={`Facts of ${cluster.name}`}>
        <TableBody>
          {facts.map(([label, value]) => (
            <TableRow key={label}>
              <TableCell component="th" scope="row" className={classes.label}>
                {label}
              </TableCell>
              <TableCell className={classes.value}>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
