#!/usr/bin/env bash
# `yarn test:all`: every test of the repository.
#  1. unit, component and integration tests (Jest, through backstage-cli), with the store tests
#     on SQLite and on a throwaway PostgreSQL when one is installed (Debian `postgresql`);
#  2. on their own: the verdict corpus, the crash test (a backend process killed at every step
#     of a failover), and
#     the conformance tests (plugins/reserve-backend/src/conformance): the collector, deploy/rbac
#     and the actions against real control planes (packages/control-planes, binaries from
#     scripts/build-kube-binaries.sh: most of an hour the first time, cached after), backups,
#     syncs and drills against real Velero on them, and the differential tests holding
#     cluster-sim to both;
#  3. beside 4 and 5, the Velero end-to-end tests (conformance/realVelero.test.ts), mostly waiting;
#  4. the fuzz run (scripts/fuzz): schemathesis against a demo backend of its own, every answer
#     held to the reserve API's OpenAPI document; prints `fuzz: N requests, 0 server errors, ...`;
#  5. the browser tests (node:test + playwright-core + Debian `chromium`) against the demo,
#     which they start themselves unless it is already running.
set -euo pipefail
cd "$(dirname "$0")/.."

# What to undo on the way out, whatever the way.
cleanup=()
trap 'for step in "${cleanup[@]}"; do eval "$step" || true; done' EXIT

if ! env | grep -q '^BACKSTAGE_TEST_DATABASE_POSTGRES'; then
  if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    eval "$(scripts/test-postgres.sh)"
    cleanup+=('scripts/test-postgres.sh --stop')
    echo "test:all: a throwaway PostgreSQL serves the store tests"
  elif [ -n "${CI:-}" ]; then
    echo "test:all: PostgreSQL is not installed (apt-get install postgresql)" >&2
    exit 1
  else
    echo "test:all: no PostgreSQL installed; the store tests run on SQLite only" >&2
  fi
fi

# Real control planes for the conformance tests: the binaries built from source (cached outside
# the clone; CI has built them already and exported where they are).
if [ -z "${KUBE_BINARIES_DIR:-}" ]; then
  KUBE_BINARIES_DIR="$(scripts/build-kube-binaries.sh)"
  export KUBE_BINARIES_DIR
fi

backstage-cli repo test --watchAll=false \
  --testPathIgnorePatterns /node_modules/ /conformance/ /plugin.crash.test /__corpus__/corpus.test
# On their own, one at a time: the verdict corpus (64 simulated clusters), real control planes,
# and a backend process killed and started eleven times want the machine to themselves (beside
# other suites they starve the timing-sensitive ones, and themselves).
backstage-cli repo test --watchAll=false --runInBand __corpus__/corpus.test conformance plugin.crash.test \
  --testPathIgnorePatterns /node_modules/ /realVelero.test
# The Velero end-to-end tests spend most of their 4 minutes waiting on Velero's own minute-long
# cadences (its Schedule and sync loops), so they run beside the fuzz run and the browser tests;
# their output follows once those are done.
velero_log="$(mktemp)"
setsid backstage-cli repo test --watchAll=false --runInBand conformance/realVelero.test >"$velero_log" 2>&1 &
velero_pid=$!
cleanup+=("kill -- -$velero_pid 2>/dev/null" "rm -f '$velero_log'")
scripts/fuzz/run.sh
node --test --test-concurrency=1 'e2e/*.test.mjs'
velero_status=0
wait "$velero_pid" || velero_status=$?
echo "=== the Velero end-to-end tests (run beside the fuzz run and the browser tests)"
cat "$velero_log"
exit "$velero_status"
