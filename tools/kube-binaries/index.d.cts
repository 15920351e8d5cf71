export type KubeBinaryName =
  | 'etcd'
  | 'kube-apiserver'
  | 'kube-controller-manager'
  | 'kube-scheduler'
  | 'kwok'
  | 'velero'
  | 'velero-plugin-for-aws'
  | 'versitygw';

export interface KubeBinaries {
  /** The cache folder for the current pins. */
  dir: string;
  /** Absolute path of each binary. */
  paths: Record<KubeBinaryName, string>;
  /** KWOK's Stage configs (e.g. node/fast/node-initialize.yaml), for `kwok --config`. */
  kwokStages: string;
  /**
   * versions.env: KUBERNETES_VERSION, ETCD_VERSION, KWOK_VERSION, VELERO_VERSION,
   * VELERO_PLUGIN_FOR_AWS_VERSION, VERSITYGW_VERSION, GO_VERSION.
   */
  versions: Record<string, string>;
}

/** Looks up (or with build: true, builds) the binaries for the current pins. */
export function kubeBinaries(options?: { build?: boolean }): KubeBinaries;

/** Absolute path of scripts/build-kube-binaries.sh. */
export const buildScript: string;
