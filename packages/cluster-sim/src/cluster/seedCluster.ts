import { putObject } from '../api/objectWrites';
import { FixtureError } from '../fixtures/FixtureError';
import { validateManifest } from '../fixtures/loadFixtures';
import { ClusterState } from './ClusterState';
import { builtinObjects } from './builtinObjects';

/**
 * Fills a new cluster: built-in namespaces, nodes and the kubernetes Service, then the fixture's
 * manifests in order. Manifests keep the status they declare; namespaces they use but do not
 * declare are created.
 */
export function seedCluster(cluster: ClusterState, now: Date): void {
  const source = cluster.fixture.source ?? `cluster ${cluster.name}`;
  for (const obj of builtinObjects(cluster.fixture, now)) {
    putObject(
      cluster,
      cluster.kinds.byApiVersionKind(obj.apiVersion!, obj.kind!)!,
      obj,
    );
  }
  (cluster.fixture.manifests ?? []).forEach((raw, i) => {
    const where = `${source} (manifest ${i + 1}: ${raw?.kind ?? '?'} ${
      raw?.metadata?.name ?? '?'
    })`;
    const obj = validateManifest(raw, where, cluster.kinds);
    const info = cluster.kinds.byApiVersionKind(obj.apiVersion!, obj.kind!)!;
    try {
      putObject(cluster, info, obj);
    } catch (e) {
      throw new FixtureError(where, '', (e as Error).message);
    }
  });
}
