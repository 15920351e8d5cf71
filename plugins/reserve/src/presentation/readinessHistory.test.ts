import { OwnershipRow } from '@kube-reserve/plugin-reserve-common';
import { change, checkoutHistory, daysBefore } from '../__testUtils__/history';
import { ownership } from '../__testUtils__/reports';
import {
  describeNotReadySince,
  describeReadinessTrend,
  layOutReadinessTrend,
  scoreMovement,
} from './readinessHistory';

const now = new Date('2026-12-07T18:00:00Z');
const berlin = { locale: 'en-GB', timeZone: 'Europe/Berlin' };

describe('layOutReadinessTrend', () => {
  it('holds each state until the next change and the last until the history was made', () => {
    const layout = layOutReadinessTrend(checkoutHistory(now));
    expect(layout.to).toBe(now.getTime());
    expect(layout.from).toBe(Date.parse(daysBefore(now, 90)));
    expect(
      layout.steps.map(step => [
        step.change.verdict,
        step.change.score,
        step.start,
        step.end,
        step.changedWithin,
      ]),
    ).toEqual([
      // In force before the window: drawn from its start, not marked as a change.
      ['ready', 72, 0, 30 / 90, false],
      ['at-risk', 64, 30 / 90, 50 / 90, true],
      ['ready', 80, 50 / 90, 87 / 90, true],
      ['not-ready', 55, 87 / 90, 1, true],
    ]);
  });

  it('starts where history starts when it began within the window', () => {
    const layout = layOutReadinessTrend({
      ...checkoutHistory(now),
      changes: [change(now, 9, 'unknown', 0)],
    });
    expect(layout.steps).toHaveLength(1);
    expect(layout.steps[0].start).toBeCloseTo(81 / 90);
    expect(layout.steps[0].end).toBe(1);
    expect(layout.steps[0].changedWithin).toBe(true);
  });
});

describe('describeReadinessTrend', () => {
  it('sums up the score from the window’s start to now, the changes and the verdict', () => {
    expect(describeReadinessTrend(checkoutHistory(now))).toBe(
      'Score 72 → 55 over 90 days, 3 changes; now Not ready',
    );
  });

  it('says since when history reaches when it begins within the window, and a single state as no change', () => {
    expect(
      describeReadinessTrend(
        {
          ...checkoutHistory(now),
          changes: [change(now, 9, 'ready', 90)],
        },
        berlin,
      ),
    ).toBe('Score 90 since 28 Nov, no change; now Ready');
  });
});

describe('describeNotReadySince', () => {
  it('says since when and for how long the service has not been ready', () => {
    expect(describeNotReadySince(checkoutHistory(now), now, berlin)).toBe(
      'Not ready since 4 Dec, 19:00 (3 d)',
    );
  });

  it('says "at least" when history reaches no further back', () => {
    expect(
      describeNotReadySince(
        {
          ...checkoutHistory(now),
          notReadySince: '2026-12-06T06:30:00Z',
          notReadySinceComplete: false,
        },
        now,
        berlin,
      ),
    ).toBe('Not ready since at least 6 Dec, 07:30 (35 h 30 min)');
  });

  it('says nothing while the service is ready', () => {
    expect(
      describeNotReadySince(
        { ...checkoutHistory(now), notReadySince: undefined },
        now,
      ),
    ).toBeUndefined();
  });
});

describe('scoreMovement', () => {
  const [checkout] = ownership.entities;
  const row = (score: number, movement?: OwnershipRow['movement']) => ({
    ...checkout,
    score,
    movement,
  });
  const then = {
    days: 30,
    score: 60,
    verdict: 'at-risk' as const,
    since: '2026-11-07T18:00:00Z',
  };

  it('shows a rise with an up arrow and says where the score stood', () => {
    expect(scoreMovement(row(72, then), now, berlin)).toEqual({
      delta: 12,
      text: '▲ 12',
      days: 30,
      description: 'Score 60 on 7 Nov → 72 now; At risk then, Ready now',
    });
  });

  it('shows a fall with a down arrow and no move with a dash', () => {
    expect(scoreMovement(row(52, then), now, berlin)?.text).toBe('▼ 8');
    const still = scoreMovement(
      row(60, { ...then, verdict: 'ready' }),
      now,
      berlin,
    );
    expect(still?.text).toBe('—');
    expect(still?.description).toBe(
      'Score 60 on 7 Nov → 60 now; Ready then and now',
    );
  });

  it('has nothing to show without a recorded movement', () => {
    expect(scoreMovement(row(72))).toBeUndefined();
  });
});
