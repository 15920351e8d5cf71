#!/usr/bin/env bash
# The fuzz step of `yarn test:all`: installs schemathesis, exactly as requirements.txt pins it, into
# a virtualenv under .ci/cache/ (ignored by git and prettier; reused while requirements.txt is
# unchanged), then fuzzes a demo backend of its own (run.mjs). FUZZ_SEED and FUZZ_MAX_EXAMPLES
# override the defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=.ci/cache/fuzz-venv
stamp="$venv/requirements.sha256"
want="$(sha256sum scripts/fuzz/requirements.txt | cut -d' ' -f1)"
if [ ! -x "$venv/bin/st" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "fuzz: installing schemathesis into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv" || {
    echo "fuzz: python3 -m venv failed (Debian: apt-get install python3-venv)" >&2
    exit 1
  }
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r scripts/fuzz/requirements.txt
  echo "$want" >"$stamp"
fi

exec node scripts/fuzz/run.mjs "$venv/bin/python"
