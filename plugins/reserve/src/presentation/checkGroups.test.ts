import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import { groupChecks, worstFindings } from './checkGroups';

const check = (
  id: CheckResult['id'],
  state: CheckResult['state'],
): CheckResult => ({
  id,
  state,
  message: `${id} ${state}`,
  clusters: [],
});

describe('groupChecks', () => {
  it('puts the category with a failure first and its failing check on top', () => {
    const groups = groupChecks([
      check('topology.reserve-exists', 'pass'),
      check('workload.resources', 'warn'),
      check('workload.replicas', 'fail'),
      check('backup.fresh', 'unknown'),
    ]);
    expect(groups.map(g => [g.category, g.state])).toEqual([
      ['workload', 'fail'],
      ['backup', 'unknown'],
      ['topology', 'pass'],
    ]);
    expect(groups[0].checks.map(c => c.result.id)).toEqual([
      'workload.replicas',
      'workload.resources',
    ]);
  });

  it('keeps a check a newer backend sends under Other instead of dropping it', () => {
    const groups = groupChecks([
      { ...check('topology.reachable', 'pass'), id: 'dns.failover' as any },
    ]);
    expect(groups[0].category).toBe('other');
    expect(groups[0].checks[0].definition).toBeUndefined();
  });
});

describe('worstFindings', () => {
  it('ranks a critical failure above a high failure and ignores passes', () => {
    const findings = worstFindings(
      [
        check('workload.replicas', 'fail'),
        check('parity.cronjobs', 'fail'),
        check('workload.resources', 'warn'),
        check('parity.images', 'pass'),
      ],
      2,
    );
    expect(findings.map(f => f.result.id)).toEqual([
      'parity.cronjobs',
      'workload.replicas',
    ]);
  });
});
