import {
  aClusterSide,
  aDrill,
  aPrimary,
  aReserve,
  aRestore,
  anEntityView,
  day,
  reserveFacts,
  unreachable,
  withoutVelero,
} from '../../view/__fixtures__/builders';
import { checkRestoreDrill } from './restoreDrill';

describe('backup.restore-drill', () => {
  it('asks no drill of the former primary while failed over, judging the other reserves', () => {
    const lon = { ...reserveFacts, name: 'reserve-lon' };
    const view = {
      ...anEntityView({
        primary: aReserve(),
        reserves: [
          aClusterSide({ ...reserveFacts, name: 'prod-fra' }),
          aClusterSide(lon),
        ],
        drills: [
          aDrill(10 * day, {
            cluster: 'reserve-lon',
            restoreName: 'lon-drill',
          }),
        ],
      }),
      formerPrimary: 'prod-fra',
    };
    expect(checkRestoreDrill(view)).toMatchObject({
      state: 'pass',
      message: expect.stringMatching(
        /^Drill on reserve-lon: restore lon-drill/,
      ),
      clusters: [
        {
          cluster: 'prod-fra',
          state: 'not-applicable',
          message:
            'prod-fra is the former primary: failing back moves the service back there, it restores nothing',
        },
        { cluster: 'reserve-lon', state: 'pass' },
      ],
    });
  });

  it('passes with a recorded drill within the drill interval', () => {
    expect(
      checkRestoreDrill(
        anEntityView({
          drills: [aDrill(10 * day, { restoreName: 'shop-drill' })],
        }),
      ),
    ).toMatchObject({
      state: 'pass',
      message:
        'Drill on reserve-ams: restore shop-drill of hourly-20260228100000 completed 10 d ago, restored in 9 min (interval 90 d)',
    });
  });

  it('counts a restore the reserve shows Completed before the recorder stored it', () => {
    const view = anEntityView({
      reserves: [
        aReserve({ veleroRestores: [aRestore('shop-drill', 'hourly-1')] }),
      ],
    });
    expect(checkRestoreDrill(view).state).toBe('pass');
  });

  it('warns when a later drill did not complete', () => {
    const view = anEntityView({
      drills: [
        aDrill(day, { restoreName: 'retry', phase: 'PartiallyFailed' }),
        aDrill(20 * day),
      ],
    });
    expect(checkRestoreDrill(view)).toMatchObject({
      state: 'warn',
      message: expect.stringContaining(
        'but the later restore retry ended PartiallyFailed',
      ),
    });
  });

  it('fails when the last completed drill is older than the drill interval', () => {
    expect(
      checkRestoreDrill(anEntityView({ drills: [aDrill(120 * day)] })).message,
    ).toMatch(
      /completed 120 d ago, restored in 9 min, is older than the drill interval of 90 d$/,
    );
  });

  it('fails without any drill, and ignores restores of other namespaces', () => {
    const view = anEntityView({
      reserves: [
        aReserve({
          veleroRestores: [
            aRestore('cart-drill', 'b', { includedNamespaces: ['cart'] }),
          ],
        }),
      ],
    });
    expect(checkRestoreDrill(view)).toMatchObject({
      state: 'fail',
      message: 'No restore drill of the entity completed on reserve-ams',
    });
  });

  it('fails when Velero is not installed on the primary', () => {
    expect(
      checkRestoreDrill(anEntityView({ primary: withoutVelero(aPrimary()) }))
        .message,
    ).toBe('Velero is not installed on prod-fra');
  });

  it('fails a reserve without Velero: it cannot restore, which is a fact, not missing data', () => {
    expect(
      checkRestoreDrill(
        anEntityView({ reserves: [withoutVelero(aReserve())] }),
      ),
    ).toMatchObject({
      state: 'fail',
      message:
        "Velero is not installed on reserve-ams: it cannot restore the entity's backups",
    });
  });

  it('fails a reserve without Velero even with a drill recorded there before', () => {
    const view = anEntityView({
      reserves: [withoutVelero(aReserve())],
      drills: [aDrill(day)],
    });
    expect(checkRestoreDrill(view).state).toBe('fail');
  });

  it('passes when another reserve has a valid drill, though one has no Velero', () => {
    const lon = aClusterSide({
      ...reserveFacts,
      name: 'reserve-lon',
      site: 'lon1',
    });
    const view = anEntityView({
      reserves: [withoutVelero(lon), aReserve()],
      drills: [aDrill(day)],
    });
    const result = checkRestoreDrill(view);
    expect(result.state).toBe('pass');
    expect(result.clusters).toContainEqual(
      expect.objectContaining({ cluster: 'reserve-lon', state: 'fail' }),
    );
  });

  it('is unknown without recorded drills while the reserve is unreachable', () => {
    expect(
      checkRestoreDrill(anEntityView({ reserves: [unreachable(aReserve())] }))
        .state,
    ).toBe('unknown');
  });

  it('trusts the recorded history while the reserve is unreachable', () => {
    const view = anEntityView({
      reserves: [unreachable(aReserve())],
      drills: [aDrill(day)],
    });
    expect(checkRestoreDrill(view).state).toBe('pass');
  });

  it('does not apply in mode none or without a reserve', () => {
    expect(
      checkRestoreDrill(anEntityView({ policy: { mode: 'none' } })).state,
    ).toBe('not-applicable');
    expect(checkRestoreDrill(anEntityView({ reserves: [] })).state).toBe(
      'not-applicable',
    );
  });
});
