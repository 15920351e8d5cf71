// Finds the binaries (Kubernetes, KWOK, Velero and its AWS plugin, versitygw) that
// scripts/build-kube-binaries.sh builds from the pins in this folder. CommonJS so that
// Jest-transformed TypeScript (require) and ES modules (import) both load it. Types: index.d.cts.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const script = path.resolve(__dirname, '../../scripts/build-kube-binaries.sh');
const names = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kwok',
  'velero',
  'velero-plugin-for-aws',
  'versitygw',
];

/**
 * The folder holding the binaries for the current pins, with their paths and versions.
 * build: false (the default) only looks (well under a second) and throws when the binaries are
 * not built yet; build: true builds them first when needed (up to half an hour with cold Go caches).
 * KUBE_BINARIES_DIR, when set (CI exports it), is used as is.
 */
function kubeBinaries(options = {}) {
  let dir = process.env.KUBE_BINARIES_DIR;
  if (!dir) {
    try {
      dir = execFileSync(script, options.build ? [] : ['--print-dir'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', options.build ? 'inherit' : 'pipe'],
      }).trim();
    } catch (error) {
      throw new Error(
        `Kubernetes binaries are not built for the current pins; run ${script} ` +
          `(${String(error.stderr || error.message).trim()})`,
      );
    }
  }
  const versions = {};
  for (const line of fs
    .readFileSync(path.join(dir, 'versions.env'), 'utf8')
    .split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match) versions[match[1]] = match[2];
  }
  const paths = {};
  for (const name of names) {
    paths[name] = path.join(dir, name);
    fs.accessSync(paths[name], fs.constants.X_OK);
  }
  return { dir, paths, kwokStages: path.join(dir, 'kwok-stages'), versions };
}

module.exports = { kubeBinaries, buildScript: script };
