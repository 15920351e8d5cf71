import { CompoundEntityRef } from '@backstage/catalog-model';
import { Runbook } from '@kube-reserve/plugin-reserve-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { TickAccess } from '../ManualItemControl';
import { MessageText } from '../MessageText';
import { RunbookItemRow } from '../RunbookItemRow';
import { RunbookSectionFacts } from '../RunbookSectionFacts';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'grid',
    gridTemplateColumns: '1fr 12rem',
    alignItems: 'center',
    columnGap: theme.spacing(2),
    width: '100%',
  },
}));

function describeProgress(progress: Runbook['progress']): string {
  return progress.total === 0
    ? 'No manual items'
    : `${progress.done} of ${progress.total} manual items done`;
}

/** One runbook as an expandable checklist, with its manual items' progress in the summary. */
export function RunbookCard(props: {
  entity: CompoundEntityRef;
  runbook: Runbook;
  access: TickAccess;
  onChanged: () => void;
}) {
  const classes = useStyles();
  const { runbook } = props;
  const { progress } = runbook;
  const progressText = describeProgress(progress);
  return (
    <Accordion TransitionProps={{ unmountOnExit: true }}>
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={`runbook-${runbook.id}-details`}
        id={`runbook-${runbook.id}-summary`}
      >
        <Box className={classes.summary}>
          <Typography variant="h6" component="span">
            {runbook.title}
          </Typography>
          <Box>
            <Typography variant="caption" color="textSecondary">
              {progressText}
            </Typography>
            <LinearProgress
              variant="determinate"
              value={
                progress.total === 0
                  ? 0
                  : (100 * progress.done) / progress.total
              }
              aria-label={`${runbook.title}: ${progressText}`}
            />
          </Box>
        </Box>
      </AccordionSummary>
      <AccordionDetails>
        <Box width="100%">
          <Typography variant="body2" color="textSecondary" paragraph>
            <MessageText text={runbook.description} />
          </Typography>
          {runbook.sections.map(section => (
            <Box key={section.id} mb={3} component="section">
              {(runbook.sections.length > 1 || section.cluster) && (
                <Typography variant="subtitle1">
                  <MessageText text={section.title} />
                  {section.role && (
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      component="span"
                    >
                      {' '}
                      ({section.role})
                    </Typography>
                  )}
                </Typography>
              )}
              <RunbookSectionFacts section={section} />
              {section.items.map(item => (
                <RunbookItemRow
                  key={`${item.kind}:${item.id}`}
                  entity={props.entity}
                  runbook={runbook.id}
                  item={item}
                  access={props.access}
                  onChanged={props.onChanged}
                />
              ))}
            </Box>
          ))}
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}
