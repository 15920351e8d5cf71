import { EntityHistory, Verdict } from '@kube-reserve/plugin-reserve-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { formatDay, LocalTimeOptions } from '../../presentation/instants';
import {
  describeReadinessTrend,
  layOutReadinessTrend,
  TrendStep,
} from '../../presentation/readinessHistory';
import { verdictColour, verdictLabels } from '../../presentation/verdicts';

const WIDTH = 640;
const AXIS_WIDTH = 32;
const PLOT_WIDTH = WIDTH - AXIS_WIDTH - 8;
const PLOT_HEIGHT = 96;
// Room above the plot for a point at 100 and for the top label.
const TOP = 8;
const AXIS_HEIGHT = 24;
const SCORE_TICKS = [0, 50, 100];
const TIME_TICKS = [0, 1 / 3, 2 / 3, 1];
// Worst last, as the backup timeline's legend.
const VERDICTS_IN_LEGEND_ORDER: readonly Verdict[] = [
  'ready',
  'at-risk',
  'unknown',
  'not-ready',
];

const useStyles = makeStyles(theme => ({
  chart: { width: '100%', maxWidth: 900, display: 'block' },
  text: { fill: theme.palette.text.secondary, fontSize: 11 },
  grid: { stroke: theme.palette.divider },
  line: { stroke: theme.palette.text.primary, strokeWidth: 2, fill: 'none' },
  legend: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2) },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    marginRight: theme.spacing(0.5),
    borderRadius: 2,
  },
}));

const xOf = (at: number) => AXIS_WIDTH + at * PLOT_WIDTH;
const yOf = (score: number) => TOP + (1 - score / 100) * PLOT_HEIGHT;

// The score as a step line: flat while a state holds, straight up or down at each change.
function stepPath(steps: readonly TrendStep[]): string {
  return steps
    .map((step, i) => {
      const y = yOf(step.change.score);
      const start = i === 0 ? `M ${xOf(step.start)} ${y}` : `V ${y}`;
      return `${start} H ${xOf(step.end)}`;
    })
    .join(' ');
}

function describeStep(
  step: TrendStep,
  windowStart: string,
  now: Date,
  localTime?: LocalTimeOptions,
) {
  const { verdict, score, at } = step.change;
  const since = step.changedWithin
    ? `from ${formatDay(at, now, localTime)}`
    : `already on ${formatDay(windowStart, now, localTime)}`;
  return `${verdictLabels[verdict]}, score ${score}, ${since}`;
}

/**
 * An entity's score over its history as a step line on bands coloured by verdict, each state
 * holding until the next change; its accessible name sums the trend up in a sentence.
 */
export function ReadinessTrend(props: {
  history: EntityHistory;
  /** Where to write local times; for tests. */
  localTime?: LocalTimeOptions;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const { history, localTime } = props;
  if (history.changes.length === 0) {
    return (
      <>
        <Typography variant="body1">No history recorded yet</Typography>
        <Typography variant="body2" color="textSecondary">
          Kube Reserve records each change of this service&apos;s verdict, score
          and checks as it assesses it.
        </Typography>
      </>
    );
  }
  const layout = layOutReadinessTrend(history);
  const now = new Date(history.generatedAt);
  const windowStart = new Date(layout.from).toISOString();
  const summary = describeReadinessTrend(history, localTime);
  const stepTitle = (step: TrendStep) =>
    describeStep(step, windowStart, now, localTime);
  const present = VERDICTS_IN_LEGEND_ORDER.filter(verdict =>
    history.changes.some(change => change.verdict === verdict),
  );
  const bottom = TOP + PLOT_HEIGHT;
  return (
    <Box>
      <svg
        className={classes.chart}
        viewBox={`0 0 ${WIDTH} ${bottom + AXIS_HEIGHT}`}
        role="img"
        aria-label={summary}
      >
        <title>{summary}</title>
        {layout.steps.map((step, i) => (
          <rect
            key={`${i}-${step.change.at}`}
            data-verdict={step.change.verdict}
            x={xOf(step.start)}
            y={TOP}
            width={Math.max(xOf(step.end) - xOf(step.start), 1)}
            height={PLOT_HEIGHT}
            fill={verdictColour(theme, step.change.verdict)}
            opacity={0.2}
          >
            <title>{stepTitle(step)}</title>
          </rect>
        ))}
        {SCORE_TICKS.map(score => (
          <g key={score}>
            <line
              className={classes.grid}
              x1={AXIS_WIDTH}
              x2={AXIS_WIDTH + PLOT_WIDTH}
              y1={yOf(score)}
              y2={yOf(score)}
              strokeDasharray={score === 0 ? undefined : '2 4'}
            />
            <text
              className={classes.text}
              x={AXIS_WIDTH - 6}
              y={yOf(score) + 4}
              textAnchor="end"
            >
              {score}
            </text>
          </g>
        ))}
        {TIME_TICKS.map(tick => (
          <text
            key={tick}
            className={classes.text}
            x={xOf(tick)}
            y={bottom + 16}
            textAnchor={
              (tick === 0 && 'start') || (tick === 1 && 'end') || 'middle'
            }
          >
            {tick === 1
              ? 'now'
              : formatDay(
                  new Date(
                    layout.from + tick * (layout.to - layout.from),
                  ).toISOString(),
                  now,
                  localTime,
                )}
          </text>
        ))}
        <path className={classes.line} d={stepPath(layout.steps)} />
        {layout.steps.map((step, i) =>
          step.changedWithin ? (
            <circle
              key={`${i}-${step.change.at}`}
              data-verdict={step.change.verdict}
              cx={xOf(step.start)}
              cy={yOf(step.change.score)}
              r={4}
              fill={verdictColour(theme, step.change.verdict)}
              stroke={theme.palette.background.paper}
            >
              <title>{stepTitle(step)}</title>
            </circle>
          ) : null,
        )}
      </svg>
      <Box className={classes.legend} mt={1} aria-label="Legend">
        {present.map(verdict => (
          <Typography key={verdict} variant="caption">
            <span
              className={classes.swatch}
              style={{ backgroundColor: verdictColour(theme, verdict) }}
            />
            {verdictLabels[verdict]}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}
