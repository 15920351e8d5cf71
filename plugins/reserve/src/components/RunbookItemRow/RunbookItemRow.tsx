import { CompoundEntityRef } from '@backstage/catalog-model';
import { RunbookId, RunbookItem } from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CheckStateStatus } from '../CheckStateStatus';
import { ManualItemControl, TickAccess } from '../ManualItemControl';
import { RemediationCommand } from '../RemediationCommand';
import { ActionControl } from './ActionControl';
import { MessageText } from '../MessageText';

const useStyles = makeStyles(theme => ({
  row: {
    padding: theme.spacing(1.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  kind: { minWidth: '7rem' },
  commands: { display: 'grid', rowGap: theme.spacing(1) },
}));

/**
 * One runbook line: an automatic item's live state, a manual item's tick, or an action's
 * button that plans and runs it, with its copyable commands.
 */
export function RunbookItemRow(props: {
  entity: CompoundEntityRef;
  runbook: RunbookId;
  item: RunbookItem;
  access: TickAccess;
  onChanged: () => void;
}) {
  const classes = useStyles();
  const { item } = props;
  return (
    <Box className={classes.row} data-testid={`runbook-item-${item.id}`}>
      <Box display="flex" alignItems="baseline" flexWrap="wrap">
        <Box className={classes.kind}>
          {item.kind === 'auto' && <CheckStateStatus state={item.state} />}
          {item.kind === 'manual' && (
            <Typography variant="caption" color="textSecondary">
              Manual
            </Typography>
          )}
          {item.kind === 'action' && (
            <Typography variant="caption" color="textSecondary">
              Action
            </Typography>
          )}
        </Box>
        <Typography variant="body1">
          <MessageText text={item.title} />
        </Typography>
      </Box>
      {item.description && (
        <Typography variant="body2" color="textSecondary">
          <MessageText text={item.description} />
        </Typography>
      )}
      {item.kind === 'auto' && (
        <Typography variant="body2">
          <MessageText text={item.message} />
        </Typography>
      )}
      {item.kind === 'manual' && (
        <ManualItemControl
          entity={props.entity}
          runbook={props.runbook}
          item={item}
          access={props.access}
          onChanged={props.onChanged}
        />
      )}
      {item.kind === 'action' && (
        <ActionControl
          entity={props.entity}
          item={item}
          onChanged={props.onChanged}
        />
      )}
      {item.commands && item.commands.length > 0 && (
        <Box className={classes.commands} mt={1}>
          {item.commands.map(command => (
            <Box key={`${command.label}:${command.command}`}>
              <Typography variant="caption" color="textSecondary">
                {command.label}
              </Typography>
              <RemediationCommand
                command={command.command}
                copyLabel={`Copy command: ${command.label}`}
              />
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
