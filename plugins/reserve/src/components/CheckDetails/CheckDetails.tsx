import { CompoundEntityRef } from '@backstage/catalog-model';
import { Link, MarkdownContent } from '@backstage/core-components';
import { isWaivable } from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { DescribedCheck } from '../../presentation/checkGroups';
import { CommandNames, fillCommand } from '../../presentation/commands';
import { waiversOf } from '../../presentation/waivers';
import { CheckStateStatus } from '../CheckStateStatus';
import { CheckWaivers } from '../CheckWaivers';
import { RemediationCommand } from '../RemediationCommand';
import { SpecDiff } from '../SpecDiff';
import { MessageText } from '../MessageText';
import { WaiveButton } from '../WaiveButton';

const noNames: CommandNames = { reserves: [], namespaces: [] };

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box mb={2}>
      <Typography variant="subtitle2" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function ClusterEvidence(props: { check: DescribedCheck }) {
  const { clusters } = props.check.result;
  return (
    <Table size="small" aria-label="Evidence per cluster">
      <TableHead>
        <TableRow>
          <TableCell>Cluster</TableCell>
          <TableCell>Result</TableCell>
          <TableCell>Evidence</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {clusters.map(cluster => (
          <TableRow key={cluster.cluster}>
            <TableCell>{cluster.cluster}</TableCell>
            <TableCell>
              <CheckStateStatus state={cluster.state} />
            </TableCell>
            <TableCell>
              <MessageText text={cluster.message} />
              {cluster.evidence && cluster.evidence.length > 0 && (
                <ul>
                  {cluster.evidence.map(line => (
                    <li key={line}>
                      <MessageText text={line} />
                    </li>
                  ))}
                </ul>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * Everything behind one check: its waivers, evidence per cluster, drift, rationale and
 * remediation, its command filled in with the names the report and the evidence hold. Given
 * the entity, a failing or warning check offers Waive and each waiver Revoke.
 */
export function CheckDetails(props: {
  check: DescribedCheck;
  /** The report's clusters and namespaces, for the remediation command. */
  names?: CommandNames;
  /** The entity the check is of, to waive it or revoke its waivers; absent: read only. */
  entity?: CompoundEntityRef;
  /** Called after a waiver was created or revoked, to fetch the report again. */
  onChanged?: () => void;
}) {
  const { entity, onChanged = () => {} } = props;
  const { result, definition } = props.check;
  const failing = !['pass', 'not-applicable'].includes(result.state);
  const waivers = waiversOf(result);
  return (
    <Box width="100%">
      {entity && isWaivable(result.state) && (
        <Box display="flex" justifyContent="flex-end" mb={1}>
          <WaiveButton entity={entity} result={result} onChanged={onChanged} />
        </Box>
      )}
      {result.acceptedRisk && (
        <Section title="Accepted risk">
          <Typography variant="body2">
            The entity's policy accepts this risk; it still counts against the
            verdict.
          </Typography>
        </Section>
      )}
      {waivers.length > 0 && (
        <Section title={waivers.length > 1 ? 'Waivers' : 'Waiver'}>
          <CheckWaivers
            waivers={waivers}
            entity={entity}
            onChanged={onChanged}
          />
        </Section>
      )}
      {result.clusters.length > 0 && (
        <Section title="Evidence">
          <ClusterEvidence check={props.check} />
        </Section>
      )}
      {result.diff && result.diff.length > 0 && (
        <Section title="Drift between primary and reserve">
          <SpecDiff diff={result.diff} />
        </Section>
      )}
      {definition && (
        <Section title="Why it matters">
          <Typography variant="body2">{definition.rationale}</Typography>
        </Section>
      )}
      {definition && failing && (
        <Section title="How to fix it">
          <MarkdownContent content={definition.remediation.text} />
          {definition.remediation.command && (
            <RemediationCommand
              command={fillCommand(
                definition.remediation.command,
                result,
                props.names ?? noNames,
              )}
            />
          )}
          <Box mt={1}>
            <Link to={definition.docsUrl}>Documentation</Link>
          </Box>
        </Section>
      )}
    </Box>
  );
}
