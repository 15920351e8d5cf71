import { wrapPoints } from './wrapPoints';

describe('where long tokens wrap', () => {
  it('lets a long image reference wrap only after its slashes and colons', () => {
    const text =
      'runs registry.example.com/payments/payments-api:2.6.4 on reserve-ams';
    const pieces = wrapPoints(text);
    expect(pieces).toEqual([
      'runs registry.example.com/',
      'payments/',
      'payments-api:',
      '2.6.4 on reserve-ams',
    ]);
    expect(pieces.join('')).toBe(text);
  });

  it('leaves short words and text without long tokens whole', () => {
    expect(wrapPoints('prod-fra is fine: 3 of 3')).toEqual([
      'prod-fra is fine: 3 of 3',
    ]);
    expect(wrapPoints('')).toEqual(['']);
  });
});
