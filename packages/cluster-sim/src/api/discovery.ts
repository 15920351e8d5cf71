import { KindRegistry } from '../kinds/KindRegistry';
import { KindInfo } from '../kinds/kindTable';

const OBJECT_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

/** The `/version` document of a cluster running the given gitVersion (e.g. `v1.34.2`). */
export function versionInfo(gitVersion: string) {
  const [, major, minor] = /^v(\d+)\.(\d+)/.exec(gitVersion) ?? ['', '1', '0'];
  return {
    major,
    minor,
    emulationMajor: major,
    emulationMinor: minor,
    minCompatibilityMajor: major,
    minCompatibilityMinor: String(Math.max(0, Number(minor) - 1)),
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.24.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** `/api`: the core group's versions. */
export function coreApiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** `/apis/<group>`: one named group and its (single) version. */
export function apiGroup(kinds: KindRegistry, group: string) {
  const version = kinds.kinds.find(k => k.group === group)?.version ?? 'v1';
  const gv = { groupVersion: `${group}/${version}`, version };
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: group,
    versions: [gv],
    preferredVersion: gv,
  };
}

/** `/apis`: every named group the cluster serves. */
export function apiGroupList(kinds: KindRegistry) {
  const groups = kinds.groups().filter(g => g !== '');
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map(g => {
      const { name, versions, preferredVersion } = apiGroup(kinds, g);
      return { name, versions, preferredVersion };
    }),
  };
}

function resourceEntries(info: KindInfo) {
  const main = {
    name: info.plural,
    singularName: info.singular,
    namespaced: info.namespaced,
    kind: info.kind,
    verbs: OBJECT_VERBS,
    ...(info.shortNames.length ? { shortNames: info.shortNames } : {}),
    ...(info.categories.length ? { categories: info.categories } : {}),
  };
  const subs = info.subresources.map(sub =>
    sub === 'scale'
      ? {
          name: `${info.plural}/scale`,
          singularName: '',
          namespaced: info.namespaced,
          group: 'autoscaling',
          version: 'v1',
          kind: 'Scale',
          verbs: SUBRESOURCE_VERBS,
        }
      : {
          name: `${info.plural}/status`,
          singularName: '',
          namespaced: info.namespaced,
          kind: info.kind,
          verbs: SUBRESOURCE_VERBS,
        },
  );
  return [main, ...subs];
}

/** `/api/v1` or `/apis/<group>/<version>`: the resources of one group version. */
export function apiResourceList(
  kinds: KindRegistry,
  group: string,
  version: string,
) {
  const served = kinds.kinds.filter(
    k => k.group === group && k.version === version,
  );
  if (served.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: served.flatMap(resourceEntries),
  };
}
