import {
  aCronJob,
  aPrimary,
  aReserve,
  anEntityView,
  unreachable,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { checkCronJobs } from './cronJobs';

const active = aPrimary({ cronJobs: [aCronJob('mailer')] });
const suspendedReserve = aReserve({
  cronJobs: [aCronJob('mailer', { suspend: true })],
});
const activeReserve = aReserve({
  cronJobs: [aCronJob('mailer', { suspend: false })],
});

describe('parity.cronjobs', () => {
  it('passes primary-only CronJobs: active on the primary, suspended on the reserve', () => {
    expect(
      checkCronJobs(
        anEntityView({ primary: active, reserves: [suspendedReserve] }),
      ).state,
    ).toBe('pass');
  });

  it('fails a reserve CronJob left active, as every job would run twice', () => {
    expect(
      checkCronJobs(
        anEntityView({ primary: active, reserves: [activeReserve] }),
      ),
    ).toMatchObject({
      state: 'fail',
      message:
        'CronJob shop/mailer is active on reserve-ams: every job would run twice',
    });
  });

  it('fails a primary CronJob left suspended, as it then runs nowhere', () => {
    const primary = aPrimary({
      cronJobs: [aCronJob('mailer', { suspend: true })],
    });
    expect(
      checkCronJobs(anEntityView({ primary, reserves: [suspendedReserve] }))
        .message,
    ).toBe('CronJob shop/mailer is suspended on prod-fra: it runs nowhere');
  });

  it('passes CronJobs active on both sides when the entity wants them everywhere', () => {
    const view = anEntityView({
      primary: active,
      reserves: [activeReserve],
      policy: { cronJobs: 'everywhere' },
    });
    expect(checkCronJobs(view).state).toBe('pass');
  });

  it('fails a suspended reserve CronJob when the entity wants them everywhere', () => {
    const view = anEntityView({
      primary: active,
      reserves: [suspendedReserve],
      policy: { cronJobs: 'everywhere' },
    });
    expect(checkCronJobs(view).state).toBe('fail');
  });

  it('is unknown when the reserve\u2019s CronJobs cannot be read, even if the primary passes', () => {
    const view = anEntityView({
      primary: active,
      reserves: [withoutKind(aReserve(), 'cronJobs')],
    });
    expect(checkCronJobs(view)).toMatchObject({
      state: 'unknown',
      message: 'cronjobs forbidden on reserve-ams',
    });
  });

  it('is unknown when the primary is unreachable', () => {
    const view = anEntityView({
      primary: unreachable(active),
      reserves: [suspendedReserve],
    });
    expect(checkCronJobs(view).state).toBe('unknown');
  });

  it('does not apply without CronJobs', () => {
    expect(checkCronJobs(anEntityView()).state).toBe('not-applicable');
  });

  it('does not apply to mode none', () => {
    expect(
      checkCronJobs(anEntityView({ primary: active, policy: { mode: 'none' } }))
        .state,
    ).toBe('not-applicable');
  });
});
