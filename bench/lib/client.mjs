// The HTTP calls the benchmark makes to the backend, as the guest user of the demo.

/** Kube Reserve's report of one Component. */
export const readinessPath = name =>
  `/api/reserve/entities/component/default/${name}/readiness`;

/** Kube Reserve's runbooks of one Component, with their items' live states. */
export const runbooksPath = name =>
  `/api/reserve/entities/component/default/${name}/runbooks`;

/** Kube Reserve's rollup of a group's Components. */
export const ownershipPath = group =>
  `/api/reserve/ownership?group=group:default/${group}`;

/** A signed-in client of one backend; every call answers `{ ok, status, body }`. */
export class BackendClient {
  constructor(url, token) {
    this.url = url;
    this.headers = { Authorization: `Bearer ${token}` };
  }

  async get(path) {
    return this.call(path, { headers: this.headers });
  }

  async post(path, body) {
    return this.call(path, {
      method: 'POST',
      headers: { ...this.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async call(path, init) {
    const res = await fetch(`${this.url}${path}`, init);
    const text = await res.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { ok: res.ok, status: res.status, body };
  }

  /** Kube Reserve's report of one Component. */
  readiness(name) {
    return this.get(readinessPath(name));
  }

  /** The Kubernetes plugin's objects of one entity, fetched from every cluster now. */
  kubernetesObjects(entity) {
    return this.post(`/api/kubernetes/services/${entity.metadata.name}`, {
      entity,
    });
  }

  /** Kube Reserve's rollup of a group's Components. */
  ownership(group) {
    return this.get(ownershipPath(group));
  }

  /** Kube Reserve's clusters and the state of their snapshots. */
  clusters() {
    return this.get('/api/reserve/clusters');
  }

  /** One Component from the catalog. */
  catalogEntity(name) {
    return this.get(`/api/catalog/entities/by-name/component/default/${name}`);
  }

  /** How many entities a catalog filter (e.g. `kind=component`) matches. */
  async catalogCount(filter) {
    const { body } = await this.get(
      `/api/catalog/entities/by-query?filter=${encodeURIComponent(
        filter,
      )}&limit=1`,
    );
    return body.totalItems;
  }

  /** The permission backend's decision on reading one entity's readiness. */
  authorizeReadiness(name) {
    return this.post('/api/permission/authorize', {
      items: [
        {
          id: '1',
          permission: {
            type: 'resource',
            name: 'reserve.readiness.read',
            attributes: { action: 'read' },
            resourceType: 'catalog-entity',
          },
          resourceRef: `component:default/${name}`,
        },
      ],
    });
  }
}
