import { ConfigReader } from '@backstage/config';
import { durationOf, readDuration } from './durations';

const key = 'reserve.refresh.frequency';
const read = (value?: unknown) =>
  readDuration(
    new ConfigReader(
      value === undefined ? {} : { reserve: { refresh: { frequency: value } } },
    ),
    key,
    durationOf(30_000),
  );

describe('readDuration', () => {
  it('answers the fallback when the key is not set', () => {
    expect(read()).toEqual({ ms: 30_000, text: '30 s' });
  });

  it('reads a string with a unit, keeping it as written', () => {
    expect(read(' 15m ')).toEqual({ ms: 900_000, text: '15m' });
  });

  it('reads a HumanDuration object and an ISO 8601 duration', () => {
    expect(read({ minutes: 1, seconds: 30 }).ms).toBe(90_000);
    expect(read('PT2M').ms).toBe(120_000);
  });

  it.each([['soon'], ['90'], ['0s'], [{ weeks: 0 }], [{ fortnights: 1 }]])(
    'refuses %j at start-up, naming the key',
    value => {
      expect(() => read(value)).toThrow(
        `Invalid config at '${key}': must be a positive duration`,
      );
    },
  );
});
