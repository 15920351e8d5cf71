// The browser of the browser tests: Debian's Chromium, driven by playwright-core (Playwright's
// own browser download does not work on these machines).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium with the flags these machines need; an error names a missing one. */
export async function launchChromium() {
  assert.ok(
    existsSync(executablePath),
    `no Chromium at ${executablePath}: apt-get install chromium (or set CHROMIUM_PATH)`,
  );
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
