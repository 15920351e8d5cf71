#!/usr/bin/env bash
# Smoke run of the binaries that scripts/build-kube-binaries.sh builds: every binary answers
# --version with its pinned version; etcd starts on loopback with a temporary data dir;
# kube-apiserver starts against it with RBAC, an openssl-made CA, serving certificate and
# service-account key, and a static token file; /readyz and /version answer the admin token with
# the pinned version, no token gets 401 and a token without RBAC rights gets 403; kwok, given
# KWOK's node-initialize stage, makes a fake node Ready. All three are then stopped. Before them:
# `velero version --client-only` names the pinned Velero; velero-plugin-for-aws refuses to run
# bare and, given Velero's handshake cookie, answers go-plugin's gRPC handshake; versitygw serves
# S3 on loopback from a temporary POSIX folder (a bucket is created, an object put and read back
# with SigV4-signed curl requests). Nothing is left running or on disk.
#
# Usage: scripts/smoke-kube-binaries.sh [BIN_DIR]   (default: scripts/build-kube-binaries.sh --print-dir)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${1:-$("$root/scripts/build-kube-binaries.sh" --print-dir)}"
# shellcheck disable=SC1091
. "$bin/versions.env"

t0=$SECONDS
say() { printf '[kube-smoke %3ds] %s\n' "$((SECONDS - t0))" "$*"; }
fail() {
  say "FAILED: $*"
  for f in plugin.log versitygw.log etcd.log apiserver.log kwok.log; do
    [ -f "$work/$f" ] && { echo "--- last lines of $f"; tail -n 30 "$work/$f"; }
  done
  exit 1
}

work="$(mktemp -d "${TMPDIR:-/tmp}/kube-smoke.XXXXXX")"
pids=()
stopped=()
stop_pid() {
  local p="$1" t=$SECONDS
  kill "$p" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$p" 2>/dev/null && say "pid $p ignored SIGTERM for 10s: killed"
  wait "$p" 2>/dev/null || true
  say "stopped pid $p in $((SECONDS - t))s"
}
# Stops what this script started, newest first (kube-apiserver before its etcd).
cleanup() {
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_pid "${pids[$i]}"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --version of each binary names the pinned release.
check_version() {
  local out
  out="$("$bin/$1" "${@:3}" 2>&1)" || fail "$1 ${*:3} exited non-zero: $out"
  grep -q -- "$2" <<<"$out" || fail "$1 ${*:3} does not name $2: $out"
  say "$1 ${*:3}: $(grep -m 1 -- "$2" <<<"$out" | tr -d '\t')"
}
check_version etcd "${ETCD_VERSION#v}" --version
check_version kube-apiserver "$KUBERNETES_VERSION" --version
check_version kube-controller-manager "$KUBERNETES_VERSION" --version
check_version kube-scheduler "$KUBERNETES_VERSION" --version
check_version kwok "${KWOK_VERSION#v}" --version
check_version velero "Version: $VELERO_VERSION" version --client-only
check_version versitygw "Version  : ${VERSITYGW_VERSION#v}" --version

# velero-plugin-for-aws is a go-plugin gRPC server that only `velero server` starts: run bare it
# says so and exits 1; with Velero's handshake cookie (VELERO_PLUGIN=hello) it listens on a Unix
# socket and prints go-plugin's handshake line (core protocol 1 | Velero plugin protocol 2 |
# unix | socket | grpc), then serves until stopped.
out="$("$bin/velero-plugin-for-aws" 2>&1)" && fail "velero-plugin-for-aws ran bare and exited 0: $out"
grep -q 'This binary is a plugin' <<<"$out" || fail "velero-plugin-for-aws ran bare: $out"
say "velero-plugin-for-aws (bare): $(head -n 1 <<<"$out")"
VELERO_PLUGIN=hello TMPDIR="$work" "$bin/velero-plugin-for-aws" >"$work/plugin.out" 2>"$work/plugin.log" &
pids+=($!)
for _ in $(seq 100); do
  [ -s "$work/plugin.out" ] && break
  kill -0 "${pids[0]}" 2>/dev/null || fail "velero-plugin-for-aws exited: $(cat "$work/plugin.out")"
  sleep 0.1
done
handshake="$(head -n 1 "$work/plugin.out")"
grep -Eq '^1\|2\|unix\|[^|]+\|grpc' <<<"$handshake" || fail "velero-plugin-for-aws handshake: '$handshake'"
socket="$(cut -d'|' -f4 <<<"$handshake")"
[ -S "$socket" ] || fail "velero-plugin-for-aws: no socket at $socket"
say "velero-plugin-for-aws (VELERO_PLUGIN=hello): handshake $handshake"
stop_pid "${pids[0]}"
stopped+=("${pids[@]}") && pids=()

# Four free loopback ports, chosen by the kernel.
read -r etcd_port peer_port api_port s3_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])
for s in socks: s.close()')

# versitygw: an S3 server on loopback over a temporary POSIX folder (its metadata in xattrs).
s3_key="smoke$(openssl rand -hex 4)"
s3_secret="$(openssl rand -hex 20)"
mkdir "$work/s3"
"$bin/versitygw" --access "$s3_key" --secret "$s3_secret" --port "127.0.0.1:$s3_port" --quiet \
  posix "$work/s3" >"$work/versitygw.log" 2>&1 &
pids+=($!)
# s3 PATH [FILE to PUT] [curl options]: SigV4-signed, the payload's SHA-256 in x-amz-content-sha256
# (which curl does not add by itself).
s3() {
  local body=/dev/null
  [ -n "${2:-}" ] && body="$2"
  curl -s --aws-sigv4 "aws:amz:us-east-1:s3" --user "$s3_key:$s3_secret" -o "$work/body" -w '%{http_code}' \
    -H "x-amz-content-sha256: $(sha256sum <"$body" | cut -d' ' -f1)" ${2:+-T "$2"} "${@:3}" \
    "http://127.0.0.1:$s3_port$1"
}
for _ in $(seq 100); do
  [ "$(s3 / 2>/dev/null)" = 200 ] && break
  kill -0 "${pids[0]}" 2>/dev/null || fail "versitygw exited"
  sleep 0.1
done
code="$(s3 /)" && [ "$code" = 200 ] || fail "versitygw ListBuckets: $code $(cat "$work/body")"
code="$(s3 /smoke-bucket '' -X PUT)" && [ "$code" = 200 ] || fail "versitygw CreateBucket: $code $(cat "$work/body")"
echo "kube-smoke $s3_secret" >"$work/object"
code="$(s3 /smoke-bucket/dir/object.txt "$work/object")" && [ "$code" = 200 ] ||
  fail "versitygw PutObject: $code $(cat "$work/body")"
code="$(s3 /smoke-bucket/dir/object.txt)" && [ "$code" = 200 ] && cmp -s "$work/body" "$work/object" ||
  fail "versitygw GetObject: $code $(cat "$work/body")"
code="$(curl -s -o "$work/body" -w '%{http_code}' "http://127.0.0.1:$s3_port/smoke-bucket/dir/object.txt")"
[ "$code" = 403 ] || fail "versitygw GetObject without a signature: expected 403, got $code"
[ -f "$work/s3/smoke-bucket/dir/object.txt" ] || fail "versitygw: the object is not a file in its POSIX folder"
code="$(s3 /smoke-bucket)" && [ "$code" = 200 ] && grep -q '<Key>dir/object.txt</Key>' "$work/body" ||
  fail "versitygw ListObjects: $code $(cat "$work/body")"
say "versitygw on 127.0.0.1:$s3_port: bucket created, object put, listed and read back (SigV4; unsigned: 403), stored as a file"
stop_pid "${pids[0]}"
stopped+=("${pids[@]}") && pids=()

# Certificates: a CA, the apiserver's serving certificate for 127.0.0.1, a service-account key.
(
  cd "$work"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 1 -subj /CN=kube-smoke-ca 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr -subj /CN=kube-apiserver 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >apiserver.ext
  openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 -extfile apiserver.ext -out apiserver.crt 2>/dev/null
  openssl genrsa -out sa.key 2048 2>/dev/null
  openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
)
admin_token="$(openssl rand -hex 16)"
viewer_token="$(openssl rand -hex 16)"
printf '%s,admin,admin,"system:masters"\n%s,nobody,nobody\n' "$admin_token" "$viewer_token" >"$work/tokens.csv"
say "certificates made; ports etcd=$etcd_port apiserver=$api_port"

"$bin/etcd" --name smoke --data-dir "$work/etcd" \
  --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
  --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
  --initial-cluster "smoke=http://127.0.0.1:$peer_port" --log-level warn >"$work/etcd.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$etcd_port/health" >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || fail "etcd exited"
  sleep 0.2
done
curl -sf "http://127.0.0.1:$etcd_port/health" >/dev/null || fail "etcd not healthy after 20s"
say "etcd healthy on 127.0.0.1:$etcd_port"

"$bin/kube-apiserver" --etcd-servers "http://127.0.0.1:$etcd_port" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
  --tls-cert-file "$work/apiserver.crt" --tls-private-key-file "$work/apiserver.key" --cert-dir "$work/certs" \
  --authorization-mode RBAC --token-auth-file "$work/tokens.csv" --anonymous-auth=false \
  --service-account-key-file "$work/sa.pub" --service-account-signing-key-file "$work/sa.key" \
  --service-account-issuer https://kubernetes.default.svc.cluster.local \
  --service-cluster-ip-range 10.96.0.0/16 --endpoint-reconciler-type none >"$work/apiserver.log" 2>&1 &
pids+=($!)

api() { curl -s --cacert "$work/ca.crt" -o "$work/body" -w '%{http_code}' ${2:+-H "Authorization: Bearer $2"} "https://127.0.0.1:$api_port$1"; }
ready=
for _ in $(seq 180); do
  if [ "$(api /readyz "$admin_token" 2>/dev/null)" = 200 ]; then ready=1 && break; fi
  kill -0 "${pids[1]}" 2>/dev/null || fail "kube-apiserver exited"
  sleep 0.5
done
[ -n "$ready" ] || fail "kube-apiserver /readyz not 200 after 90s: $(cat "$work/body" 2>/dev/null)"
say "kube-apiserver ready on https://127.0.0.1:$api_port (TLS verified against the smoke CA)"

code="$(api /version "$admin_token")"
[ "$code" = 200 ] && grep -q "\"gitVersion\": \"$KUBERNETES_VERSION\"" "$work/body" ||
  fail "/version: $code $(cat "$work/body")"
say "/version reports $KUBERNETES_VERSION"
code="$(api /api/v1/namespaces)"
[ "$code" = 401 ] || fail "no token: expected 401, got $code"
code="$(api /api/v1/namespaces "$viewer_token")"
[ "$code" = 403 ] || fail "token without RBAC rights: expected 403, got $code"
code="$(api /api/v1/namespaces "$admin_token")"
[ "$code" = 200 ] || fail "admin token: expected 200, got $code"
say "RBAC: no token 401, token without rights 403, system:masters 200"

# KWOK: a node with the fake-node annotation becomes Ready with no kubelet.
cat >"$work/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: smoke, cluster: {server: "https://127.0.0.1:$api_port", certificate-authority: "$work/ca.crt"}}]
users: [{name: admin, user: {token: "$admin_token"}}]
contexts: [{name: smoke, context: {cluster: smoke, user: admin}}]
current-context: smoke
EOF
"$bin/kwok" --kubeconfig "$work/kubeconfig" --manage-all-nodes=false \
  --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
  --config "$bin/kwok-stages/node/fast/node-initialize.yaml" --server-address 127.0.0.1:0 >"$work/kwok.log" 2>&1 &
pids+=($!)
code="$(curl -s --cacert "$work/ca.crt" -o "$work/body" -w '%{http_code}' -H "Authorization: Bearer $admin_token" \
  -H 'Content-Type: application/json' -X POST "https://127.0.0.1:$api_port/api/v1/nodes" \
  -d '{"apiVersion":"v1","kind":"Node","metadata":{"name":"kwok-node-0","annotations":{"kwok.x-k8s.io/node":"fake"}}}')"
[ "$code" = 201 ] || fail "creating a node: $code $(cat "$work/body")"
node_ready() {
  python3 -c 'import json, sys
n = json.load(open(sys.argv[1]))
sys.exit(0 if any(c["type"] == "Ready" and c["status"] == "True" for c in n.get("status", {}).get("conditions", [])) else 1)' "$work/body" 2>/dev/null
}
ready=
for _ in $(seq 120); do
  if [ "$(api /api/v1/nodes/kwok-node-0 "$admin_token")" = 200 ] && node_ready; then ready=1 && break; fi
  kill -0 "${pids[2]}" 2>/dev/null || fail "kwok exited"
  sleep 0.5
done
[ -n "$ready" ] || fail "kwok did not make node kwok-node-0 Ready in 60s"
say "kwok: node kwok-node-0 Ready without a kubelet"

cleanup
trap - EXIT
for p in "${stopped[@]}" "${pids[@]}"; do ! kill -0 "$p" 2>/dev/null || fail "process $p still running"; done
[ ! -e "$work" ] || fail "$work still exists"
say "passed: etcd $ETCD_VERSION, kube-apiserver $KUBERNETES_VERSION, kwok $KWOK_VERSION, velero $VELERO_VERSION, velero-plugin-for-aws $VELERO_PLUGIN_FOR_AWS_VERSION, versitygw $VERSITYGW_VERSION; all stopped"
