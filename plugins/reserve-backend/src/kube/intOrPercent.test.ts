import { scaleIntOrPercent } from './intOrPercent';

describe('scaleIntOrPercent', () => {
  it('takes an integer as it is', () => {
    expect(scaleIntOrPercent(2, 10, true)).toEqual({ value: 2 });
  });

  it('rounds a percentage up or down as asked', () => {
    expect(scaleIntOrPercent('10%', 3, true)).toEqual({ value: 1 });
    expect(scaleIntOrPercent('10%', 3, false)).toEqual({ value: 0 });
    expect(scaleIntOrPercent('50%', 5, true)).toEqual({ value: 3 });
    expect(scaleIntOrPercent('100%', 3, true)).toEqual({ value: 3 });
  });

  it('keeps an exact percentage exact despite float arithmetic', () => {
    expect(scaleIntOrPercent('70%', 10, true)).toEqual({ value: 7 });
    expect(scaleIntOrPercent('29%', 100, true)).toEqual({ value: 29 });
  });

  it('refuses strings that are not whole percentages, instead of NaN', () => {
    expect(scaleIntOrPercent('abc', 3, true)).toEqual({
      problem: "'abc' is not an integer or a percentage",
    });
    expect(scaleIntOrPercent('1', 3, true)).toEqual({
      problem: "'1' is not an integer or a percentage",
    });
    expect(scaleIntOrPercent('1.5%', 3, true)).toEqual({
      problem: "'1.5%' is not an integer or a percentage",
    });
  });
});
