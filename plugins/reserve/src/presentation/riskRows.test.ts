import { ownership } from '../__testUtils__/reports';
import { describeFailing, ownedServices, toRiskTableRows } from './riskRows';

describe('toRiskTableRows', () => {
  it('orders not-ready before unknown before ready, and lower scores first', () => {
    const rows = toRiskTableRows([
      ...ownedServices(ownership),
      { entityRef: 'component:default/ledger', error: 'timeout' },
    ]);
    expect(rows.map(r => [r.name, r.verdict])).toEqual([
      ['Payments API', 'not-ready'],
      ['ledger', 'unknown'],
      ['Checkout', 'ready'],
    ]);
    expect(rows[1].worstText).toBe('timeout');
  });
});

describe('describeFailing', () => {
  it('names failing checks by severity, heaviest first', () => {
    expect(describeFailing({ critical: 0, high: 2, medium: 0, low: 1 })).toBe(
      '2 high, 1 low',
    );
  });
});
