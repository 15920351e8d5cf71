/** The CLI's help text. */
export const USAGE = `Usage:
  cluster-sim [serve] --fixtures <dir> --kubeconfig <file> [options]
      Starts every cluster under <dir> on the ports from its cluster.yaml, writes a kubeconfig
      with one context per cluster, and runs until SIGINT or SIGTERM.
      --state-dir <dir>     keep the CA there (ca.crt, ca.key) and reuse it across runs
      --admin-port <port>   admin endpoint for faults (default 6440; 0 picks a free port)
      --pace <ms>           milliseconds between controller rounds (default 2000)
      --user <token name>   the token each kubeconfig user gets (default: the broad one)

  cluster-sim fault <cluster> [options]
      Shows or switches the faults of a running simulator's cluster, via its admin endpoint.
      --admin-port <port>     the simulator's admin port (default 6440)
      --latency <ms>          add latency to every answer
      --refuse                refuse connections
      --hang                  accept requests and never answer
      --error <resources>     answer 500 for these resources (comma-separated, e.g. deployments,pods)
      --forbid <resources>    answer 403 Forbidden for these resources, as if RBAC were revoked
      --expired-cert          serve an expired certificate
      --fail-backups <reason> make new Velero Backups fail with this reason
      --unauthorized          answer every request 401 Unauthorized, as for a revoked token
      --malformed <resource=answer,...>
                              break get and list answers of these resources: invalid-json
                              (cut off halfway), no-metadata (an item without metadata) or
                              huge (the first item padded to about 10 MB)
      --trickle <bytes/s>     send every answer's body this slowly, a few bytes at a time
      --clear                 switch every fault off (alone, or before the ones given)
      Without a fault option, prints the current faults.

  cluster-sim help
`;

/** A command-line mistake; the CLI prints the message and the usage. */
export class UsageError extends Error {}
