import { ConfigReader } from '@backstage/config';
import { readActionSettings } from './actionSettings';

const settingsOf = (actions?: object) =>
  readActionSettings(
    new ConfigReader({ reserve: actions ? { actions } : {} }),
    'velero',
  );

describe('readActionSettings', () => {
  it('refreshes the heartbeat of running executions every 10 s unless configured', () => {
    expect(settingsOf().heartbeatMs).toBe(10_000);
    expect(settingsOf({ heartbeat: '300ms' }).heartbeatMs).toBe(300);
    expect(settingsOf({ heartbeat: { seconds: 5 } }).heartbeatMs).toBe(5_000);
  });

  it('stops the start-up on a heartbeat that is not a positive duration, naming the key', () => {
    expect(() => settingsOf({ heartbeat: 'soon' })).toThrow(
      "Invalid config at 'reserve.actions.heartbeat': must be a positive duration",
    );
    expect(() => settingsOf({ heartbeat: '0s' })).toThrow(
      "'reserve.actions.heartbeat'",
    );
  });

  it('lets a stored plan run for 1 h and keeps 20 per entity unless configured', () => {
    expect(settingsOf().planTtlMs).toBe(3_600_000);
    expect(settingsOf({ planTtl: '15m' }).planTtlMs).toBe(900_000);
    expect(settingsOf({ planTtl: { hours: 2 } }).planTtlMs).toBe(7_200_000);
    expect(settingsOf().maxPlansPerEntity).toBe(20);
    expect(settingsOf({ maxPlansPerEntity: 5 }).maxPlansPerEntity).toBe(5);
    expect(() => settingsOf({ maxPlansPerEntity: 0 })).toThrow(
      "Invalid config at 'reserve.actions.maxPlansPerEntity': must be a positive integer",
    );
  });
});
