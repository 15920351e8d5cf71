import { KubernetesSupport } from '@kube-reserve/plugin-reserve-common';
import releases from './kubernetesReleases.json';

/** A Kubernetes version reduced to what skew and support rules compare. */
export interface KubernetesVersion {
  major: number;
  minor: number;
  patch: number;
  /** As reported, e.g. `v1.35.1` or `v1.30.4-eks-a737599`. */
  text: string;
}

/**
 * Reads `v1.35.1` (also provider builds such as `v1.30.4-eks-a737599` or `v1.29.2+k3s1`);
 * undefined for anything else.
 */
export function parseKubernetesVersion(
  text: string | undefined,
): KubernetesVersion | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text?.trim() ?? '');
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    text: text!.trim(),
  };
}

/** The minor as written in release schedules, e.g. `1.35`. */
export function minorOf(version: KubernetesVersion): string {
  return `${version.major}.${version.minor}`;
}

/** The next minor, e.g. `1.36` after 1.35: upgrades go one minor at a time. */
export function nextMinorOf(version: KubernetesVersion): string {
  return `${version.major}.${version.minor + 1}`;
}

/** How many minors `a` is ahead of `b` (negative when behind); another major counts as 1000 minors. */
export function minorsApart(
  a: KubernetesVersion,
  b: KubernetesVersion,
): number {
  return (a.major - b.major) * 1000 + (a.minor - b.minor);
}

const schedule: ReadonlyMap<string, KubernetesSupport> = new Map(
  releases.minors.map(entry => [
    entry.minor,
    {
      minor: entry.minor,
      maintenanceModeStart: entry.maintenanceModeStart,
      endOfLife: entry.endOfLife,
    },
  ]),
);

/** The date the release data was last checked against kubernetes.io/releases. */
export const kubernetesReleasesAsOf: string = releases.asOf;

/** The support dates of a minor (`1.35`), or undefined when the data does not list it. */
export function supportOf(
  minor: string,
  data: ReadonlyMap<string, KubernetesSupport> = schedule,
): KubernetesSupport | undefined {
  return data.get(minor);
}
