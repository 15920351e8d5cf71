import { checkCatalogue } from '@kube-reserve/plugin-reserve-common';
import { anEntityView } from '../view/__fixtures__/builders';
import { implementedChecks } from './registry';

describe('implementedChecks', () => {
  it('implements every check of the catalogue, in its order', () => {
    const expected = checkCatalogue.map(c => c.id);
    expect(implementedChecks.map(c => c.id)).toEqual(expected);
  });

  it('answers each check under its own id', () => {
    const view = anEntityView();
    for (const { id, run } of implementedChecks) {
      expect(run(view).id).toBe(id);
    }
  });
});
