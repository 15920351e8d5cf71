import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Waiver } from '@kube-reserve/plugin-reserve-common';
import { createAuditLog } from '../__testUtils__/auditLog';
import { storeDatabases } from '../__testUtils__/storeDatabases';
import { DatabaseWaiverStore } from '../database/DatabaseWaiverStore';
import { WaiverService, readWaiverLimits } from './WaiverService';

jest.setTimeout(60_000);

const DAY_MS = 24 * 60 * 60 * 1000;

describe('readWaiverLimits', () => {
  const read = (waivers?: object) =>
    readWaiverLimits(new ConfigReader({ reserve: { waivers } }));

  it('defaults to 90 days, and 14 for critical checks', () => {
    expect(read()).toEqual({
      maxDurationMs: 90 * DAY_MS,
      criticalMaxDurationMs: 14 * DAY_MS,
    });
  });

  it('reads both limits, and keeps the critical one within the other by default', () => {
    expect(
      read({ maxDuration: '30d', criticalMaxDuration: { days: 7 } }),
    ).toEqual({
      maxDurationMs: 30 * DAY_MS,
      criticalMaxDurationMs: 7 * DAY_MS,
    });
    expect(read({ maxDuration: '5d' })).toEqual({
      maxDurationMs: 5 * DAY_MS,
      criticalMaxDurationMs: 5 * DAY_MS,
    });
  });

  it('refuses a critical limit longer than the other, and what is no duration, naming the key', () => {
    expect(() =>
      read({ maxDuration: '7d', criticalMaxDuration: '14d' }),
    ).toThrow(
      "Invalid config at 'reserve.waivers.criticalMaxDuration': 14 d is longer than reserve.waivers.maxDuration (7 d)",
    );
    expect(() => read({ maxDuration: 'forever' })).toThrow(
      "Invalid config at 'reserve.waivers.maxDuration'",
    );
  });
});

describe('WaiverService.auditLapses', () => {
  const databases = storeDatabases();

  it.each(databases.eachSupportedId())(
    'writes one waiver-lapsed event per lapsed waiver, once, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseWaiverStore.create({
        database: { getClient: async () => knex },
      });
      const auditLog = createAuditLog();
      let now = new Date('2026-12-07T12:00:00.000Z');
      const service = new WaiverService({
        source: { catalog: {} as never },
        store,
        pairOf: () => undefined,
        limits: readWaiverLimits(new ConfigReader({})),
        auditor: auditLog.auditor,
        logger: mockServices.logger.mock(),
        now: () => now,
      });
      const waiver: Waiver = {
        id: '0b7c3c1e-58f1-4d55-9a3e-6a1c2e3d4f50',
        entityRef: 'component:default/checkout',
        checkId: 'workload.pdb',
        cluster: 'prod-fra',
        reason: 'the PDB comes with the next release',
        createdBy: 'user:default/alice',
        createdAt: '2026-12-07T11:00:00.000Z',
        expiresAt: '2026-12-08T11:00:00.000Z',
      };
      await store.createWaiver(waiver, now);
      expect(await service.auditLapses()).toBe(0);

      now = new Date('2026-12-08T11:00:30.000Z');
      expect(await service.auditLapses()).toBe(1);
      expect(await service.auditLapses()).toBe(0);
      expect(auditLog.lines.map(l => [l.eventId, l.status, l.meta])).toEqual([
        [
          'waiver-lapsed',
          'initiated',
          {
            waiverId: waiver.id,
            entityRef: 'component:default/checkout',
            checkId: 'workload.pdb',
            cluster: 'prod-fra',
            createdBy: 'user:default/alice',
            expiresAt: '2026-12-08T11:00:00.000Z',
          },
        ],
        ['waiver-lapsed', 'succeeded', expect.any(Object)],
      ]);
    },
  );
});
