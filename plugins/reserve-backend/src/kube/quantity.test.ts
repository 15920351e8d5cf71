import { parseQuantity } from './quantity';

describe('parseQuantity', () => {
  it('reads CPU in cores and millicores', () => {
    expect(parseQuantity('500m')).toBe(0.5);
    expect(parseQuantity('2')).toBe(2);
  });

  it('reads memory with binary and decimal suffixes', () => {
    expect(parseQuantity('128Mi')).toBe(128 * 2 ** 20);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('1.5Gi')).toBe(1.5 * 2 ** 30);
  });

  it('reads a decimal exponent, and E alone as exa', () => {
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('12E')).toBe(12e18);
  });

  it('refuses what is not a quantity', () => {
    expect(parseQuantity('lots')).toBeUndefined();
    expect(parseQuantity('1e3Mi')).toBeUndefined();
    expect(parseQuantity('10%')).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
  });
});
