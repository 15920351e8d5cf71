import { BackupSummary } from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  describeBackup,
  describeBackupCounts,
  isFailedBackup,
  layOutBackupTimeline,
  phaseClassColour,
  phaseClassesInLegendOrder,
  phaseClassLabels,
  TimelineMark,
} from '../../presentation/backups';

const WIDTH = 640;
const LABEL_WIDTH = 96;
const PLOT_WIDTH = WIDTH - LABEL_WIDTH - 16;
const LANE_HEIGHT = 32;
const AXIS_HEIGHT = 28;
const TICKS = [0, 1 / 3, 2 / 3, 1];

const useStyles = makeStyles(theme => ({
  chart: { width: '100%', maxWidth: 900, display: 'block' },
  text: { fill: theme.palette.text.secondary, fontSize: 11 },
  axis: { stroke: theme.palette.divider },
  legend: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2) },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    marginRight: theme.spacing(0.5),
    borderRadius: 2,
  },
}));

function formatTick(ms: number): string {
  return new Date(ms).toISOString().slice(5, 16).replace('T', ' ');
}

function Mark(props: { mark: TimelineMark; height: number }) {
  const theme = useTheme();
  const { mark, height } = props;
  const { backup } = mark;
  const colour = phaseClassColour(theme, backup.phaseClass);
  const x = LABEL_WIDTH + mark.start * PLOT_WIDTH;
  const xEnd = LABEL_WIDTH + mark.end * PLOT_WIDTH;
  const y = mark.lane * LANE_HEIGHT + LANE_HEIGHT / 2;
  const description = describeBackup(backup);
  const failed = isFailedBackup(backup);
  return (
    <g role="img" aria-label={description} data-phase-class={backup.phaseClass}>
      <title>{description}</title>
      <rect
        x={x}
        y={y - 2}
        width={Math.max(xEnd - x, 1)}
        height={4}
        fill={colour}
        opacity={0.4}
      />
      {backup.phaseClass === 'failed' && (
        <line
          x1={x}
          x2={x}
          y1={0}
          y2={height}
          stroke={colour}
          strokeDasharray="3 3"
        />
      )}
      {failed ? (
        <path
          d={`M ${x} ${y - 8} L ${x + 8} ${y} L ${x} ${y + 8} L ${
            x - 8
          } ${y} Z`}
          fill={colour}
          stroke={theme.palette.background.paper}
        />
      ) : (
        <circle
          cx={x}
          cy={y}
          r={5}
          fill={colour}
          stroke={theme.palette.background.paper}
        />
      )}
    </g>
  );
}

/**
 * The last backups on a time axis, one lane per cluster, each mark coloured by its phase class;
 * failed backups are diamonds with a dashed line so they stand out at a glance.
 */
export function BackupTimeline(props: { backups: readonly BackupSummary[] }) {
  const classes = useStyles();
  const theme = useTheme();
  const layout = layOutBackupTimeline(props.backups);
  const plotHeight = Math.max(layout.lanes.length, 1) * LANE_HEIGHT;
  const present = phaseClassesInLegendOrder.filter(phase =>
    props.backups.some(b => b.phaseClass === phase),
  );
  return (
    <Box>
      <Typography variant="body2" gutterBottom>
        Last {props.backups.length} backups:{' '}
        {describeBackupCounts(props.backups)}
      </Typography>
      <svg
        className={classes.chart}
        viewBox={`0 0 ${WIDTH} ${plotHeight + AXIS_HEIGHT}`}
        role="group"
        aria-label="Backup timeline"
      >
        {layout.lanes.map((lane, i) => (
          <text
            key={lane}
            className={classes.text}
            x={0}
            y={i * LANE_HEIGHT + LANE_HEIGHT / 2 + 4}
          >
            {lane}
          </text>
        ))}
        <line
          className={classes.axis}
          x1={LABEL_WIDTH}
          x2={LABEL_WIDTH + PLOT_WIDTH}
          y1={plotHeight}
          y2={plotHeight}
        />
        {TICKS.map(tick => (
          <text
            key={tick}
            className={classes.text}
            x={LABEL_WIDTH + tick * PLOT_WIDTH}
            y={plotHeight + 18}
            textAnchor={
              (tick === 0 && 'start') || (tick === 1 && 'end') || 'middle'
            }
          >
            {tick === 1
              ? 'now'
              : formatTick(layout.from + tick * (layout.to - layout.from))}
          </text>
        ))}
        {layout.marks.map(mark => (
          <Mark
            key={`${mark.backup.cluster}/${mark.backup.name}`}
            mark={mark}
            height={plotHeight}
          />
        ))}
      </svg>
      <Box className={classes.legend} mt={1} aria-label="Legend">
        {present.map(phase => (
          <Typography key={phase} variant="caption">
            <span
              className={classes.swatch}
              style={{ backgroundColor: phaseClassColour(theme, phase) }}
            />
            {phaseClassLabels[phase]}
          </Typography>
        ))}
        <Typography variant="caption" color="textSecondary">
          Times in UTC
        </Typography>
      </Box>
      {layout.unplaced.length > 0 && (
        <Typography variant="caption" color="textSecondary" display="block">
          Not started yet: {layout.unplaced.map(b => b.name).join(', ')}
        </Typography>
      )}
    </Box>
  );
}
