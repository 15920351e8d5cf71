import {
  CertificateExpiry,
  ClusterUpgradeFacts,
  RunbookSection,
} from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { daysUntil } from '../../presentation/age';
import { describeCertificate } from '../../presentation/platformFacts';
import { CheckStateStatus } from '../CheckStateStatus';

function Expiries(props: { cluster?: string; expiries: CertificateExpiry[] }) {
  return (
    <Table size="small" aria-label={`Certificate expiries on ${props.cluster}`}>
      <TableHead>
        <TableRow>
          <TableCell>Certificate</TableCell>
          <TableCell>Expires</TableCell>
          <TableCell>Renewal planned</TableCell>
          <TableCell>State</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.expiries.map(expiry => (
          <TableRow key={expiry.subject}>
            <TableCell>{expiry.subject}</TableCell>
            <TableCell>
              {describeCertificate(
                expiry.notAfter ? daysUntil(expiry.notAfter) : undefined,
                expiry.notAfter,
              )}
            </TableCell>
            <TableCell>{expiry.renewalTime?.slice(0, 10) ?? '—'}</TableCell>
            <TableCell>
              <CheckStateStatus state={expiry.state} label={expiry.message} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Upgrade(props: { upgrade: ClusterUpgradeFacts }) {
  const { upgrade } = props;
  return (
    <Box>
      <Typography variant="body1">
        {upgrade.currentVersion ?? 'Version unknown'} →{' '}
        {upgrade.nextMinor ? `${upgrade.nextMinor}` : 'no next minor known'}
        {upgrade.managedControlPlane && ' (managed control plane)'}
      </Typography>
      <Box my={1}>
        <CheckStateStatus
          state={upgrade.removedApisInUse.state}
          label={`Removed APIs in use: ${upgrade.removedApisInUse.message}`}
        />
      </Box>
      {upgrade.nodes.length > 0 && (
        <>
          <Typography variant="caption" color="textSecondary">
            Nodes in upgrade order
          </Typography>
          <ol aria-label="Nodes in upgrade order">
            {upgrade.nodes.map(node => (
              <li key={node.name}>
                {node.name} ({node.role}
                {node.kubeletVersion && `, kubelet ${node.kubeletVersion}`}
                {node.zone && `, ${node.zone}`})
              </li>
            ))}
          </ol>
        </>
      )}
    </Box>
  );
}

/** The facts a per-cluster runbook section starts with: expiry dates, or the upgrade's versions and nodes. */
export function RunbookSectionFacts(props: { section: RunbookSection }) {
  const { section } = props;
  if (!section.expiries && !section.upgrade) {
    return null;
  }
  return (
    <Box mb={1}>
      {section.expiries &&
        (section.expiries.length > 0 ? (
          <Expiries cluster={section.cluster} expiries={section.expiries} />
        ) : (
          <Typography variant="body2">No certificate expiry known.</Typography>
        ))}
      {section.upgrade && <Upgrade upgrade={section.upgrade} />}
    </Box>
  );
}
