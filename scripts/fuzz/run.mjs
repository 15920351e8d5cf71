#!/usr/bin/env node
// Fuzzes a demo backend of its own against the reserve API's OpenAPI document: starts the
// simulated clusters and the backend (demoBackend.mjs), signs in as the demo's guest, runs
// fuzz.py with the given Python (scripts/fuzz/run.sh passes its virtualenv's), and stops them.
// Exits as fuzz.py does; on failure the backend's log and schemathesis' reports are kept.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoBackend } from './demoBackend.mjs';

const here = resolve(fileURLToPath(import.meta.url), '..');
const python = process.argv[2] ?? 'python3';
// A fixed seed: the same requests every run, so a failure reproduces; change it to explore.
const seed = process.env.FUZZ_SEED ?? '20261207';
const maxExamples = process.env.FUZZ_MAX_EXAMPLES ?? '25';

const started = Date.now();
const dir = mkdtempSync(join(tmpdir(), 'reserve-fuzz-'));
const logFile = join(dir, 'backend.log');
console.log(`fuzz: seed ${seed}, ${maxExamples} examples per operation`);

let code = 1;
const backend = await startDemoBackend({ dir, logFile }).catch(error => {
  console.error(`fuzz: the demo backend did not start: ${error.message}`);
  console.error(
    readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n'),
  );
  process.exit(1);
});
try {
  console.log(
    `fuzz: demo backend at ${backend.url} after ${Math.round(
      (Date.now() - started) / 1000,
    )} s`,
  );
  const child = spawn(python, [join(here, 'fuzz.py')], {
    stdio: 'inherit',
    env: {
      ...process.env,
      PYTHONDONTWRITEBYTECODE: '1',
      FUZZ_BASE_URL: `${backend.url}/api/reserve`,
      FUZZ_TOKEN: await backend.token(),
      FUZZ_SEED: seed,
      FUZZ_MAX_EXAMPLES: maxExamples,
      FUZZ_REPORT_DIR: join(dir, 'reports'),
    },
  });
  code = await new Promise(done => child.once('exit', c => done(c ?? 1)));
} finally {
  await backend.stop();
}
console.log(`fuzz: done in ${Math.round((Date.now() - started) / 1000)} s`);
if (code === 0) {
  rmSync(dir, { recursive: true, force: true });
} else {
  console.error(`fuzz: the backend's log and the reports are kept in ${dir}`);
}
process.exit(code);
