import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * The clusters themselves are read from the Kubernetes plugin's configuration, so they are
   * configured once. Only the keys Kube Reserve reads are declared here.
   */
  kubernetes?: {
    clusterLocatorMethods?: Array<{
      /** Kube Reserve reads the `config` locator; other locator types are ignored. */
      type: string;
      clusters?: Array<{
        /** The cluster's name; `reserve.clusters` and `reserve.pairs` refer to it. */
        name: string;
        /** The API server's URL, e.g. https://10.0.0.1:6443. */
        url: string;
        /** Only `serviceAccount` is supported by Kube Reserve. */
        authProvider: string;
        /**
         * A service account token with the read-only ClusterRole of the README.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /** Base64-encoded PEM of the CA that signed the API server's certificate. */
        caData?: string;
        /** Path to a PEM file of that CA. */
        caFile?: string;
        /** Do not verify the API server's certificate (never in production). */
        skipTLSVerify?: boolean;
      }>;
    }>;
  };

  /** Kube Reserve: reserve readiness of catalog entities. */
  reserve?: {
    /** Facts about each cluster, by the cluster's name. */
    clusters?: {
      [name: string]: {
        /** `primary` serves today; `reserve` stands by to take over. */
        role: 'primary' | 'reserve';
        /** Data centre, e.g. `fra1`. A reserve in its primary's site is a failed check. */
        site: string;
        /** Hosting provider, e.g. `hetzner`. */
        provider?: string;
        /** Provider region, e.g. `eu-central`. */
        region?: string;
        /** A managed control plane (EKS, GKE, AKS...): its masters are not counted. */
        managedControlPlane?: boolean;
        /**
         * A service account token with the `kube-reserve-operator` ClusterRole
         * (deploy/rbac/reserve-operator.yaml), used by the actions only: failover, failback,
         * back up now, restore drill. Without it, planning an action on this cluster fails.
         * @visibility secret
         */
        operatorToken?: string;
      };
    };
    /**
     * Default topology: each primary and its reserves. An entity is on the first pair unless
     * its `kube-reserve.io/clusters` annotation names another.
     */
    pairs?: Array<{
      primary: string;
      reserves: string[];
    }>;
    /**
     * The catalog kinds whose entities have workloads on clusters. Readiness, runbooks, plans
     * and executions of an entity of any other kind (a User, a Group, a System) answer 400
     * naming its kind. Default: [Component, Resource].
     */
    entityKinds?: string[];
    /** How often clusters are collected, and how long one request may take. */
    refresh?: {
      /** Default: 30 seconds. */
      frequency?: HumanDuration | string;
      /** Per request to a cluster. Default: 10 seconds. */
      timeout?: HumanDuration | string;
      /**
       * Watch each kind after listing it, so that a change shows within seconds and a cycle
       * lists only what no watch keeps current (default true); false lists every kind every
       * cycle.
       */
      watch?: boolean;
      /**
       * Whether backend instances share the clusters' collection: one instance collects each
       * cluster (a lease row in the plugin database) and publishes what it collected there for
       * the others. Default: true on PostgreSQL, false on SQLite (instances cannot share it).
       */
      shared?: boolean;
      /**
       * With `shared`: how often an instance renews the leases of the clusters it collects. A
       * lease lapses after two missed renewals, and another instance takes the cluster within
       * three. Default: 10 seconds.
       */
      heartbeat?: HumanDuration | string;
      /**
       * How often the catalog's entities (the configured kinds and Groups) are read again;
       * readiness and team rollups answer from the last read. Default: 10 seconds.
       */
      catalog?: HumanDuration | string;
      /**
       * How often every entity's report is looked at: judged again when what it read changed
       * (or time alone may have changed it) and each change recorded in history. Default: 5
       * seconds.
       */
      reports?: HumanDuration | string;
    };
    /** Readiness history: every change of an entity's verdict, score or check states. */
    history?: {
      /** How long changes are kept. Default: 90 days. */
      retention?: HumanDuration | string;
    };
    /** Waivers: checks of an entity accepted as a risk until an expiry. */
    waivers?: {
      /** The longest a waiver may last. Default: 90 days. */
      maxDuration?: HumanDuration | string;
      /** The longest a waiver of a critical check may last. Default: 14 days. */
      criticalMaxDuration?: HumanDuration | string;
    };
    /**
     * Notifications to each entity's owners through Backstage's notifications service, each
     * condition once until it clears. Every kind is on by default.
     */
    notifications?: {
      /** false turns every kind off. */
      enabled?: boolean;
      /** The verdict got worse (ready to at risk, at risk to not ready...). */
      verdictWorsened?: boolean;
      /** An API server certificate of the entity's clusters expires within `apiCertificateWithin`. */
      apiCertificate?: boolean;
      /** How long before its expiry an API server certificate is notified. Default: 14 days. */
      apiCertificateWithin?: HumanDuration | string;
      /** No restore drill completed within the drill interval. */
      drillOverdue?: boolean;
      /** No restore point within the RPO. */
      restorePoint?: boolean;
      /** An action (failover, failback, backup, drill) started, resumed or ended. */
      actions?: boolean;
    };
    /** Policy defaults; each entity's `kube-reserve.io/*` annotations override them. */
    defaults?: {
      /** `hot`, `warm`, `cold` or `none`. Default: warm. */
      mode?: 'hot' | 'warm' | 'cold' | 'none';
      /** primary:reserve replicas for a warm reserve. Default: '6:4'. */
      replicaRatio?: string;
      /** Recovery point objective, e.g. 24h. Default: 24h. */
      rpo?: string;
      /** Recovery time objective, e.g. 1h. Default: 1h. */
      rto?: string;
      /** Longest time between restore drills. Default: 90d. */
      drillInterval?: string;
      /** `primary-only` (reserve CronJobs suspended) or `everywhere`. Default: primary-only. */
      cronJobs?: 'primary-only' | 'everywhere';
      /** Warn when a certificate expires within this time. Default: 30d. */
      certWarning?: string;
    };
    /** Runbook checklists. */
    runbooks?: {
      /**
       * How long a ticked manual item counts before it shows as expired, e.g. `30d` or
       * `{ days: 30 }`. Default: 30d.
       */
      tickTtl?: HumanDuration | string;
    };
    /** Failover, failback, back up now and restore drill. */
    actions?: {
      /** Longest a wait step (backup completed, workloads available...) waits. Default: 15m. */
      waitTimeout?: HumanDuration | string;
      /** How often a wait step looks again. Default: 2s. */
      pollInterval?: HumanDuration | string;
      /**
       * How often a backend instance refreshes the heartbeat of the executions it runs.
       * Another instance marks a running execution interrupted once its heartbeat is three
       * intervals old (its instance is gone). Default: 10s.
       */
      heartbeat?: HumanDuration | string;
      /**
       * How long a stored plan can be run: executing an older one answers 409 naming its
       * expiry, and it must be planned again. Default: 1h.
       */
      planTtl?: HumanDuration | string;
      /**
       * At most this many stored plans per entity: storing a new one deletes the oldest that
       * no execution references. Default: 20.
       */
      maxPlansPerEntity?: number;
    };
    /** Where Velero runs on each cluster. */
    velero?: {
      /** Default: velero. */
      namespace?: string;
    };
  };
}
