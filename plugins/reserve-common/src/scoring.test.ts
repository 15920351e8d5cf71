import { CheckId } from './checks';
import { CheckState } from './report';
import { scoreChecks, verdictOf } from './scoring';

// One check of each severity, named so the expectations read as their severities.
const critical: CheckId = 'topology.reserve-exists';
const otherCritical: CheckId = 'parity.images';
const high: CheckId = 'topology.reachable';
const medium: CheckId = 'workload.spread';
const low: CheckId = 'workload.resources';

const check = (id: CheckId, state: CheckState) => ({ id, state });

describe('scoreChecks', () => {
  it('gives 100 when every applicable check passes', () => {
    expect(scoreChecks([check(critical, 'pass'), check(low, 'pass')])).toBe(
      100,
    );
  });

  it('weighs critical 10, high 5, medium 3 and low 1', () => {
    // Only the low check passes: 1 of 10 + 5 + 3 + 1 = 19.
    const results = [
      check(critical, 'fail'),
      check(high, 'fail'),
      check(medium, 'fail'),
      check(low, 'pass'),
    ];
    expect(scoreChecks(results)).toBe(Math.floor(100 / 19));
    // Only the medium check passes: 3 of 19.
    expect(
      scoreChecks([
        check(critical, 'fail'),
        check(high, 'fail'),
        check(medium, 'pass'),
        check(low, 'fail'),
      ]),
    ).toBe(Math.floor(300 / 19));
  });

  it('gives a warning half credit', () => {
    expect(scoreChecks([check(critical, 'warn')])).toBe(50);
  });

  it('gives failing and unknown checks no credit', () => {
    expect(scoreChecks([check(high, 'fail'), check(high, 'pass')])).toBe(50);
    expect(scoreChecks([check(high, 'unknown'), check(high, 'pass')])).toBe(50);
  });

  it('gives a waived check full credit', () => {
    expect(scoreChecks([check(critical, 'waived'), check(high, 'pass')])).toBe(
      100,
    );
  });

  it('leaves not-applicable checks out of the score', () => {
    expect(
      scoreChecks([check(critical, 'not-applicable'), check(low, 'pass')]),
    ).toBe(100);
  });

  it('stays below 100 when anything falls short of full credit', () => {
    // 40 critical passes and one low warning: 400.5 / 401 would round to 100.
    const results = [
      ...Array.from({ length: 40 }, () => check(critical, 'pass')),
      check(low, 'warn'),
    ];
    expect(scoreChecks(results)).toBe(99);
  });

  it('never scores 100 without data: no checks score 0', () => {
    expect(scoreChecks([])).toBe(0);
  });

  it('never scores 100 without data: only not-applicable checks score 0', () => {
    expect(
      scoreChecks([
        check(critical, 'not-applicable'),
        check(high, 'not-applicable'),
      ]),
    ).toBe(0);
  });
});

describe('verdictOf', () => {
  it('is ready when everything passes', () => {
    expect(verdictOf([check(critical, 'pass'), check(high, 'pass')])).toBe(
      'ready',
    );
  });

  it('is not-ready when a critical check fails, even if another is unknown', () => {
    expect(
      verdictOf([check(critical, 'fail'), check(otherCritical, 'unknown')]),
    ).toBe('not-ready');
  });

  it('is unknown when a critical check is unknown, even if a high check fails', () => {
    expect(verdictOf([check(critical, 'unknown'), check(high, 'fail')])).toBe(
      'unknown',
    );
  });

  it('is at-risk when a high check fails', () => {
    expect(verdictOf([check(critical, 'pass'), check(high, 'fail')])).toBe(
      'at-risk',
    );
  });

  it('is at-risk when a high check has no data', () => {
    expect(verdictOf([check(critical, 'pass'), check(high, 'unknown')])).toBe(
      'at-risk',
    );
  });

  it('is at-risk when a medium check fails', () => {
    expect(verdictOf([check(critical, 'pass'), check(medium, 'fail')])).toBe(
      'at-risk',
    );
  });

  it('is at-risk when a low check fails', () => {
    expect(verdictOf([check(critical, 'pass'), check(low, 'fail')])).toBe(
      'at-risk',
    );
  });

  it('is at-risk when any check warns, whatever its severity', () => {
    for (const id of [critical, high, medium, low]) {
      expect(verdictOf([check(otherCritical, 'pass'), check(id, 'warn')])).toBe(
        'at-risk',
      );
    }
  });

  it('stays ready when only a medium or low check has no data', () => {
    expect(verdictOf([check(critical, 'pass'), check(medium, 'unknown')])).toBe(
      'ready',
    );
    expect(verdictOf([check(critical, 'pass'), check(low, 'unknown')])).toBe(
      'ready',
    );
  });

  it('counts a waived critical failure as accepted', () => {
    expect(verdictOf([check(critical, 'waived'), check(high, 'pass')])).toBe(
      'ready',
    );
  });

  it('ignores not-applicable checks', () => {
    expect(
      verdictOf([check(critical, 'not-applicable'), check(high, 'pass')]),
    ).toBe('ready');
  });

  it('is unknown, never ready, without data', () => {
    expect(verdictOf([])).toBe('unknown');
    expect(verdictOf([check(critical, 'not-applicable')])).toBe('unknown');
  });
});
