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

  it('reads an owner written without a kind, as catalog files often do, as a group', () => {
    const [row] = toRiskTableRows([
      {
        entityRef: 'component:default/ledger',
        owner: 'team-storefront',
        error: 'timeout',
      },
    ]);
    expect(row.owner).toBe('team-storefront');
  });
});

describe('describeFailing', () => {
  it('names failing checks by severity, heaviest first', () => {
    expect(describeFailing({ critical: 0, high: 2, medium: 0, low: 1 })).toBe(
      '2 high, 1 low',
    );
  });
});
