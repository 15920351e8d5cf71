import { getCompoundEntityRef } from '@backstage/catalog-model';
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  EntityReport,
  isReserveAvailable,
} from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { useEntityReport } from '../../hooks/useEntityReport';
import { useReserveTabLink } from '../../hooks/useReserveTabLink';
import { worstFindings } from '../../presentation/checkGroups';
import { oldestSnapshotAge } from '../../presentation/reports';
import { CheckStateStatus } from '../CheckStateStatus';
import { DataAge } from '../DataAge';
import { VerdictStatus } from '../VerdictStatus';
import { ReserveErrorPanel } from '../ReserveErrorPanel';
import { MessageText } from '../MessageText';

function ReportOverview(props: { report: EntityReport }) {
  const { report } = props;
  const findings = worstFindings(report.checks, 3);
  return (
    <>
      <Box display="flex" alignItems="baseline" justifyContent="space-between">
        <Typography variant="h5" component="p">
          <VerdictStatus verdict={report.verdict} />
        </Typography>
        <Typography variant="h5" component="p" aria-label="Score">
          {report.score}
          <Typography variant="body2" component="span" color="textSecondary">
            {' '}
            / 100
          </Typography>
        </Typography>
      </Box>
      {findings.length > 0 ? (
        <List dense aria-label="Worst findings">
          {findings.map(({ result, definition }) => (
            <ListItem key={result.id} disableGutters>
              <ListItemText
                primary={
                  <CheckStateStatus
                    state={result.state}
                    label={definition?.title ?? result.id}
                  />
                }
                secondary={<MessageText text={result.message} />}
              />
            </ListItem>
          ))}
        </List>
      ) : (
        <Typography variant="body2">Every applicable check passes.</Typography>
      )}
      <DataAge
        generatedAt={report.generatedAt}
        oldestSnapshotAgeMs={oldestSnapshotAge(report.clusters)}
      />
    </>
  );
}

function CardBody(props: { children: ReactNode }) {
  const { entity } = useEntity();
  const tabLink = useReserveTabLink();
  return (
    <InfoCard
      title="Reserve readiness"
      deepLink={{ title: 'Checks and remediation', link: tabLink(entity) }}
      variant="gridItem"
    >
      {props.children}
    </InfoCard>
  );
}

function LoadedOverview() {
  const { entity } = useEntity();
  const { value, loading, error } = useEntityReport(
    getCompoundEntityRef(entity),
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ReserveErrorPanel error={error} />;
  }
  return value ? <ReportOverview report={value} /> : null;
}

/** Overview card: verdict, score, the three worst findings and the data's age. */
export function EntityReserveCard() {
  const { entity } = useEntity();
  return (
    <CardBody>
      {isReserveAvailable(entity) ? (
        <LoadedOverview />
      ) : (
        <EmptyState
          missing="field"
          title="No Kubernetes objects"
          description="Add backstage.io/kubernetes-id or backstage.io/kubernetes-label-selector to assess this entity's reserve."
        />
      )}
    </CardBody>
  );
}
