import releases from './kubernetesReleases.json';
import {
  minorOf,
  minorsApart,
  nextMinorOf,
  parseKubernetesVersion,
  supportOf,
} from './kubernetesVersion';

describe('Kubernetes versions', () => {
  it('reads plain and provider versions', () => {
    expect(parseKubernetesVersion('v1.35.1')).toMatchObject({
      major: 1,
      minor: 35,
      patch: 1,
    });
    expect(parseKubernetesVersion('v1.30.4-eks-a737599')?.minor).toBe(30);
    expect(parseKubernetesVersion('v1.29.2+k3s1')?.minor).toBe(29);
    expect(parseKubernetesVersion('latest')).toBeUndefined();
    expect(parseKubernetesVersion(undefined)).toBeUndefined();
  });

  it('counts minors apart and names the next minor', () => {
    const primary = parseKubernetesVersion('v1.35.1')!;
    const reserve = parseKubernetesVersion('v1.33.6')!;
    expect(minorsApart(primary, reserve)).toBe(2);
    expect(minorsApart(reserve, primary)).toBe(-2);
    expect(minorOf(reserve)).toBe('1.33');
    expect(nextMinorOf(reserve)).toBe('1.34');
  });
});

describe('the release data file', () => {
  it('is dated and holds the end-of-life dates of the design', () => {
    expect(releases.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(supportOf('1.33')?.endOfLife).toBe('2026-06-28');
    expect(supportOf('1.34')?.endOfLife).toBe('2026-10-27');
    expect(supportOf('1.35')?.endOfLife).toBe('2027-02-28');
    expect(supportOf('1.99')).toBeUndefined();
  });

  it('lists 1.30 to 1.36 at least, each released before maintenance mode before end of life', () => {
    const minors = releases.minors.map(m => m.minor);
    for (const minor of [
      '1.30',
      '1.31',
      '1.32',
      '1.33',
      '1.34',
      '1.35',
      '1.36',
    ]) {
      expect(minors).toContain(minor);
    }
    for (const entry of releases.minors) {
      expect(entry.released < entry.maintenanceModeStart).toBe(true);
      expect(entry.maintenanceModeStart < entry.endOfLife).toBe(true);
    }
  });
});
