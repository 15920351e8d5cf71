import { ConfigReader } from '@backstage/config';
import { readTickTtl } from './tickTtl';

const config = (tickTtl?: unknown) =>
  new ConfigReader(
    tickTtl === undefined ? {} : { reserve: { runbooks: { tickTtl } } },
  );

describe('readTickTtl', () => {
  it('defaults to 30 days', () => {
    expect(readTickTtl(config())).toEqual({ ms: 30 * 86_400_000, text: '30d' });
  });

  it('reads a duration string', () => {
    expect(readTickTtl(config('14d'))).toEqual({
      ms: 14 * 86_400_000,
      text: '14d',
    });
  });

  it('reads a HumanDuration object', () => {
    expect(readTickTtl(config({ days: 7, hours: 12 }))).toEqual({
      ms: 7.5 * 86_400_000,
      text: '7 d 12 h',
    });
  });

  it('fails at startup on a malformed value, naming the key', () => {
    expect(() => readTickTtl(config('soon'))).toThrow(
      "Invalid config at 'reserve.runbooks.tickTtl'",
    );
  });
});
