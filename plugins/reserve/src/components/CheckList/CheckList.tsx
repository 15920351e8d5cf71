import { CompoundEntityRef } from '@backstage/catalog-model';
import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  categoryLabels,
  DescribedCheck,
  groupChecks,
} from '../../presentation/checkGroups';
import { CommandNames } from '../../presentation/commands';
import { CheckDetails } from '../CheckDetails';
import { CheckStateStatus } from '../CheckStateStatus';
import { MessageText } from '../MessageText';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'grid',
    gridTemplateColumns: '9rem 1fr 6rem',
    alignItems: 'center',
    columnGap: theme.spacing(2),
    width: '100%',
  },
  message: { gridColumn: '2 / 4', color: theme.palette.text.secondary },
}));

function CheckItem(props: {
  check: DescribedCheck;
  names?: CommandNames;
  entity?: CompoundEntityRef;
  onChanged?: () => void;
}) {
  const classes = useStyles();
  const { result, definition } = props.check;
  return (
    <Accordion TransitionProps={{ unmountOnExit: true }}>
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={`${result.id}-details`}
        id={`${result.id}-summary`}
      >
        <Box className={classes.summary}>
          <CheckStateStatus state={result.state} />
          <Typography variant="body1">
            {definition?.title ?? result.id}
          </Typography>
          <Chip
            size="small"
            variant="outlined"
            label={definition?.severity ?? 'unrated'}
          />
          <Typography variant="body2" className={classes.message}>
            <MessageText text={result.message} />
          </Typography>
        </Box>
      </AccordionSummary>
      <AccordionDetails id={`${result.id}-details`}>
        <CheckDetails
          check={props.check}
          names={props.names}
          entity={props.entity}
          onChanged={props.onChanged}
        />
      </AccordionDetails>
    </Accordion>
  );
}

/**
 * The checks grouped by category, worst category and worst check first, each expandable; given
 * the entity, failing and warning checks can be waived there.
 */
export function CheckList(props: {
  checks: readonly CheckResult[];
  /** The report's clusters and namespaces, for the remediation commands. */
  names?: CommandNames;
  /** The entity the checks are of, to waive them; absent: read only. */
  entity?: CompoundEntityRef;
  /** Called after a waiver was created or revoked, to fetch the report again. */
  onChanged?: () => void;
}) {
  return (
    <>
      {groupChecks(props.checks).map(group => (
        <Box key={group.category} mb={3} component="section">
          <Box display="flex" alignItems="center" mb={1}>
            <Typography variant="h6" component="h3">
              {categoryLabels[group.category]}
            </Typography>
            <Box ml={2}>
              <CheckStateStatus state={group.state} />
            </Box>
          </Box>
          {group.checks.map(check => (
            <CheckItem
              key={check.result.id}
              check={check}
              names={props.names}
              entity={props.entity}
              onChanged={props.onChanged}
            />
          ))}
        </Box>
      ))}
    </>
  );
}
