#!/usr/bin/env bash
# Builds etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok, velero,
# velero-plugin-for-aws and versitygw (an S3-compatible object server) from source at the versions
# pinned in tools/kube-binaries/*/go.mod (and go.sum), into a cache outside the repository:
#
#   ${KUBE_RESERVE_CACHE:-$HOME/.cache/kube-reserve}/bin/<key>/
#
# <key> is a hash of the pins (every go.mod, go.sum and .go file under tools/kube-binaries), the
# recipe below (packages and flags), the Go version and the target platform. A cache hit costs one
# `go env` call; anything else builds all binaries into a temporary folder that is renamed into
# place only when complete, so an interrupted build never leaves a half cache.
#
# Usage: scripts/build-kube-binaries.sh [--print-dir | --smoke]
#   (none)       build if needed; progress on stderr; stdout: the folder holding the binaries
#   --print-dir  print that folder without building; exit 3 when it is not built yet
#   --smoke      build if needed, then run scripts/smoke-kube-binaries.sh against the binaries
# The folder also holds versions.env (KUBERNETES_VERSION=..., ETCD_VERSION=..., KWOK_VERSION=...,
# VELERO_VERSION=..., VELERO_PLUGIN_FOR_AWS_VERSION=..., VERSITYGW_VERSION=...) and kwok-stages/
# (KWOK's Stage configs from the same pinned module).
#
# Go runs with GOTOOLCHAIN=local (a pin never downloads a toolchain), CGO_ENABLED=0 and the
# caller's GOMODCACHE and GOCACHE; builds run under `nice`. See tools/kube-binaries/README.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/tools/kube-binaries"
cache="${KUBE_RESERVE_CACHE:-$HOME/.cache/kube-reserve}/bin"
self="$root/scripts/build-kube-binaries.sh"

mode=build
case "${1:-}" in
  '') ;;
  --print-dir) mode=print ;;
  --smoke) mode=smoke ;;
  -h | --help) sed -n '2,22p' "$self" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "build-kube-binaries: unknown option $1 (see --help)" >&2; exit 2 ;;
esac

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false"
command -v go >/dev/null || { echo "build-kube-binaries: go is not on PATH" >&2; exit 1; }

# >>> recipe: everything between these markers is part of the cache key.
# One line per binary: name | module folder under tools/kube-binaries | main package | ldflags
# function (prints the -X flags; may use the module's pinned versions). To add a pinned binary,
# add a module folder with a go.mod naming it in a `tool` directive, run
# `GOTOOLCHAIN=local go mod tidy` there, and add a line here.
recipe_binaries=(
  "etcd|etcd|go.etcd.io/etcd/server/v3|etcd_ldflags"
  "kube-apiserver|kubernetes|k8s.io/kubernetes/cmd/kube-apiserver|kube_ldflags"
  "kube-controller-manager|kubernetes|k8s.io/kubernetes/cmd/kube-controller-manager|kube_ldflags"
  "kube-scheduler|kubernetes|k8s.io/kubernetes/cmd/kube-scheduler|kube_ldflags"
  "kwok|kwok|sigs.k8s.io/kwok/cmd/kwok|kwok_ldflags"
  "velero|velero|kube-reserve/tools/kube-binaries/velero|velero_ldflags"
  "velero-plugin-for-aws|velero-plugin-for-aws|github.com/vmware-tanzu/velero-plugin-for-aws/velero-plugin-for-aws|velero_plugin_for_aws_ldflags"
  "versitygw|versitygw|github.com/versity/versitygw/cmd/versitygw|versitygw_ldflags"
)
# versions.env lines: VARIABLE | module folder | module whose pinned version it reports
recipe_versions=(
  "KUBERNETES_VERSION|kubernetes|k8s.io/kubernetes"
  "ETCD_VERSION|etcd|go.etcd.io/etcd/server/v3"
  "KWOK_VERSION|kwok|sigs.k8s.io/kwok"
  "VELERO_VERSION|velero|github.com/vmware-tanzu/velero"
  "VELERO_PLUGIN_FOR_AWS_VERSION|velero-plugin-for-aws|github.com/vmware-tanzu/velero-plugin-for-aws"
  "VERSITYGW_VERSION|versitygw|github.com/versity/versitygw"
)
recipe_buildflags=(-trimpath)
recipe_ldflags_common="-s -w"

# The module's pinned version and release time (run inside its module folder).
mod_version() { go list -m -f '{{.Version}}' "$1"; }
mod_time() { go list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' "$1"; }

# What `/version` and `--version` report: the real release, as Kubernetes' own build stamps it
# (hack/lib/version.sh). The commit is not known from a module download; the tree is an archive.
kube_ldflags() {
  local v major minor date pkg
  v="$(mod_version k8s.io/kubernetes)"
  date="$(mod_time k8s.io/kubernetes)"
  major="${v#v}" && major="${major%%.*}"
  minor="${v#v*.}" && minor="${minor%%.*}"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    printf -- '-X %s.%s=%s ' "$pkg" gitVersion "$v" "$pkg" gitMajor "$major" "$pkg" gitMinor "$minor" \
      "$pkg" gitCommit "" "$pkg" gitTreeState archive "$pkg" buildDate "$date"
  done
}
# etcd's version is a constant of go.etcd.io/etcd/api/v3/version; only its commit is stamped.
etcd_ldflags() { printf -- '-X go.etcd.io/etcd/api/v3/version.GitSHA=%s' "module-$(mod_version go.etcd.io/etcd/server/v3)"; }
# KWOK's version is a constant of sigs.k8s.io/kwok/pkg/consts.
kwok_ldflags() { :; }
# Velero's stamps, as its hack/build.sh and .goreleaser.yml set them (REGISTRY=velero, its
# Makefile's default and its release's); `velero version` prints Version and GitSHA-GitTreeState.
# The commit is not known from a module download: like etcd's, it names the module version.
velero_ldflags() {
  local v pkg=github.com/vmware-tanzu/velero/pkg/buildinfo
  v="$(mod_version github.com/vmware-tanzu/velero)"
  printf -- '-X %s.%s=%s ' "$pkg" Version "$v" "$pkg" ImageRegistry velero "$pkg" GitSHA "module-$v" \
    "$pkg" GitTreeState archive
}
# The AWS plugin's own build (hack/build.sh, Dockerfile) stamps nothing.
velero_plugin_for_aws_ldflags() { :; }
# versitygw's, as its .goreleaser.yaml sets them: Version without the "v", Build (the commit; here
# the module version, as for etcd), BuildTime (here the release's time on the proxy).
versitygw_ldflags() {
  local v
  v="$(mod_version github.com/versity/versitygw)"
  printf -- '-X main.Version=%s -X main.Build=%s -X main.BuildTime=%s' "${v#v}" "module-$v" \
    "$(mod_time github.com/versity/versitygw)"
}

# Files from the pinned modules that the binaries need, copied next to them (argument: the
# folder being filled). kwok changes nothing without Stage configs (`kwok --config FILE...`):
# kwok-stages/ holds KWOK's own, e.g. node/fast/node-initialize.yaml, pod/general/pod-ready.yaml.
recipe_extras() {
  local src f
  src="$(cd "$tools/kwok" && go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)/kustomize/stage"
  (cd "$src" && find . -name '*.yaml' ! -name kustomization.yaml ! -path '*/testdata/*' | LC_ALL=C sort) |
    while read -r f; do
      mkdir -p "$1/kwok-stages/$(dirname "$f")"
      cp "$src/$f" "$1/kwok-stages/$f"
    done
  chmod -R u+w,a+rX "$1/kwok-stages"
  [ -f "$1/kwok-stages/node/fast/node-initialize.yaml" ]
}
# <<< recipe

key_input() {
  echo "kube-reserve kube-binaries cache format 1"
  go env GOVERSION GOOS GOARCH
  sed -n '/^# >>> recipe/,/^# <<< recipe/p' "$self"
  (cd "$tools" && find . -path ./node_modules -prune -o \( -name go.mod -o -name go.sum -o -name '*.go' \) -type f -print | LC_ALL=C sort) |
    while read -r f; do echo "== $f"; cat "$tools/$f"; done
}
key="$(key_input | sha256sum | cut -c1-16)"
dir="$cache/$key"

complete() {
  local line
  [ -f "$1/versions.env" ] && [ -d "$1/kwok-stages" ] || return 1
  for line in "${recipe_binaries[@]}"; do [ -x "$1/${line%%|*}" ] || return 1; done
}

log() { printf '[kube-binaries %4ds] %s\n' "$((SECONDS - t0))" "$*" >&2; }
t0=$SECONDS

build() {
  local tmp line name mod pkg ldf flags t dl=0 comp=0 folder
  mkdir -p "$cache"
  # One build per key at a time (parallel test workers, two checkouts); the winner's result is
  # what the others then find.
  exec 9>"$cache/.$key.lock"
  flock 9
  if complete "$dir"; then log "built meanwhile by another run: $dir" && return 0; fi
  # Under the lock nothing else builds this key: a leftover is from a killed build or a hand edit.
  rm -rf "$dir" "$cache/.tmp-$key-"*

  log "building into $dir (pins changed or cache empty; GOMODCACHE=$(go env GOMODCACHE), GOCACHE=$(go env GOCACHE))"
  tmp="$(mktemp -d "$cache/.tmp-$key-XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  trap 'exit 130' INT TERM

  # Downloads first, module by module, so their time is known apart from compiling.
  for folder in $(printf '%s\n' "${recipe_binaries[@]}" | cut -d'|' -f2 | awk '!seen[$0]++'); do
    t=$SECONDS
    log "download: modules of tools/kube-binaries/$folder"
    (cd "$tools/$folder" && go list -deps $(printf '%s\n' "${recipe_binaries[@]}" | awk -F'|' -v f="$folder" '$2==f{print $3}') >/dev/null)
    dl=$((dl + SECONDS - t))
    log "download: tools/kube-binaries/$folder done in $((SECONDS - t))s"
  done
  log "download: done in ${dl}s"

  for line in "${recipe_binaries[@]}"; do
    IFS='|' read -r name mod pkg ldf <<<"$line"
    t=$SECONDS
    flags="$recipe_ldflags_common $(cd "$tools/$mod" && "$ldf")"
    log "compile: $name ($pkg @ $(cd "$tools/$mod" && mod_version "$(go list -f '{{.Module.Path}}' "$pkg")"))"
    (cd "$tools/$mod" && nice -n 15 go build "${recipe_buildflags[@]}" -ldflags "$flags" -o "$tmp/$name" "$pkg")
    comp=$((comp + SECONDS - t))
    log "compile: $name done in $((SECONDS - t))s ($(du -m "$tmp/$name" | cut -f1) MB)"
  done

  recipe_extras "$tmp"
  for line in "${recipe_versions[@]}"; do
    IFS='|' read -r name mod pkg <<<"$line"
    echo "$name=$(cd "$tools/$mod" && mod_version "$pkg")"
  done >"$tmp/versions.env"
  echo "GO_VERSION=$(go env GOVERSION)" >>"$tmp/versions.env"

  chmod 755 "$tmp"
  mv -T "$tmp" "$dir"
  trap - EXIT
  log "built in $((SECONDS - t0))s (download ${dl}s, compile ${comp}s)"

  # Builds for older pins are dropped once unused for 14 days.
  find "$cache" -mindepth 1 -maxdepth 1 -type d ! -name "$key" ! -name '.tmp-*' -mtime +14 -exec rm -rf {} + 2>/dev/null || true
  find "$cache" -mindepth 1 -maxdepth 1 -type f -name '.*.lock' ! -name ".$key.lock" -mtime +14 -delete 2>/dev/null || true
  find "$cache" -mindepth 1 -maxdepth 1 -type d -name '.tmp-*' ! -name ".tmp-$key-*" -mtime +1 -exec rm -rf {} + 2>/dev/null || true
}

case "$mode" in
  print)
    complete "$dir" || { echo "build-kube-binaries: not built for these pins: $dir (run scripts/build-kube-binaries.sh)" >&2; exit 3; }
    echo "$dir"
    ;;
  build | smoke)
    if complete "$dir"; then
      touch "$dir"
      echo "[kube-binaries] cache hit: $dir ($(tr '\n' ' ' <"$dir/versions.env"))" >&2
    else
      build
    fi
    if [ "$mode" = smoke ]; then
      "$root/scripts/smoke-kube-binaries.sh" "$dir" >&2
    fi
    echo "$dir"
    ;;
esac
