/** Prefix shared by every Kube Reserve annotation on a catalog entity. */
export const RESERVE_ANNOTATION_PREFIX = 'kube-reserve.io/';

/** Reserve mode of the entity: `hot`, `warm`, `cold` or `none`. */
export const ANNOTATION_RESERVE_MODE = 'kube-reserve.io/mode';

/** Primary-to-reserve replica ratio of a warm reserve, e.g. `6:4`. */
export const ANNOTATION_RESERVE_REPLICA_RATIO = 'kube-reserve.io/replica-ratio';

/** Recovery point objective: the most data the service may lose, e.g. `1h`. */
export const ANNOTATION_RESERVE_RPO = 'kube-reserve.io/rpo';

/** Recovery time objective: how long a failover may take, e.g. `15m`. */
export const ANNOTATION_RESERVE_RTO = 'kube-reserve.io/rto';

/** Longest allowed time between two restore drills, e.g. `90d`. */
export const ANNOTATION_RESERVE_DRILL_INTERVAL =
  'kube-reserve.io/drill-interval';

/** ConfigMap and Secret names that must differ between sites, comma separated. */
export const ANNOTATION_RESERVE_SITE_CONFIG = 'kube-reserve.io/site-config';

/** Service names that front external dependencies, comma separated. */
export const ANNOTATION_RESERVE_EXTERNAL_SERVICES =
  'kube-reserve.io/external-services';

/** Where CronJobs run: `primary-only` (the default) or `everywhere`. */
export const ANNOTATION_RESERVE_CRONJOBS = 'kube-reserve.io/cronjobs';

/** Override of the cluster pair, e.g. `primary=prod-fra,reserves=reserve-ams`. */
export const ANNOTATION_RESERVE_CLUSTERS = 'kube-reserve.io/clusters';

/**
 * Reserve-side targets of the declared external services for a failover, e.g.
 * `checkout-db=pg-checkout.ams3.internal,payments=10.1.4.7`: an ExternalName Service gets the
 * host as its externalName, a selectorless Service's Endpoints get the IP.
 */
export const ANNOTATION_RESERVE_FAILOVER_TARGETS =
  'kube-reserve.io/failover-targets';
