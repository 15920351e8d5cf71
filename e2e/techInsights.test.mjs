// Kube Reserve's facts in Tech Insights on the running demo: the fact retriever has published
// invoice-mailer's verdict, score and check states as its report states them, the demo's
// "Reserve ready" check fails for it, and Chromium shows the facts as the API serves them
// (docs/screenshots/tech-insights-facts.png; the Tech Insights frontend is not installed).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser.mjs';
import { backendUrl, guestToken, startDemo } from './demo.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const screenshots = resolve(root, 'docs/screenshots');
const retriever = 'reserveReadinessFactRetriever';
const factsUrl = `${backendUrl}/api/tech-insights/facts/latest?entity=component:default/invoice-mailer&ids[]=${retriever}`;

async function api(url, init = {}) {
  const res = await fetch(url, {
    ...init,
    headers: {
      Authorization: `Bearer ${await guestToken()}`,
      'Content-Type': 'application/json',
    },
  });
  assert.ok(res.ok, `${url} answered ${res.status}`);
  return res.json();
}

describe('Kube Reserve facts in Tech Insights', { timeout: 300_000 }, () => {
  let stopDemo;
  let browser;

  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    stopDemo = await startDemo();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await stopDemo?.();
  });

  it("publishes invoice-mailer's verdict and score as its report states them, and shows them", async () => {
    // The demo reads facts 20 s after start, then every minute.
    const deadline = Date.now() + 150_000;
    let facts;
    let report;
    for (;;) {
      try {
        facts = (await api(factsUrl))[retriever]?.facts;
        report = await api(
          `${backendUrl}/api/reserve/entities/component/default/invoice-mailer/readiness`,
        );
      } catch (error) {
        // The development backend restarts when a watched file changes; ask again.
        if (Date.now() > deadline) throw error;
      }
      const agree =
        facts?.verdict === report?.verdict && facts?.score === report?.score;
      if (agree || Date.now() > deadline) break;
      await sleep(5000);
    }
    assert.equal(facts?.verdict, report.verdict);
    assert.equal(facts.score, report.score);
    assert.equal(
      facts['parity.cronjobs'],
      report.checks.find(c => c.id === 'parity.cronjobs').state,
    );

    const results = await api(
      `${backendUrl}/api/tech-insights/checks/run/default/component/invoice-mailer`,
      { method: 'POST', body: JSON.stringify({ checks: ['reserveReady'] }) },
    );
    assert.equal(
      results.find(r => r.check.id === 'reserveReady').result,
      false,
    );

    const page = await browser.newPage({
      viewport: { width: 1000, height: 900 },
    });
    await page.setExtraHTTPHeaders({
      Authorization: `Bearer ${await guestToken()}`,
    });
    await page.goto(factsUrl);
    await page.getByText('"verdict"').first().waitFor();
    await page.screenshot({
      path: resolve(screenshots, 'tech-insights-facts.png'),
      fullPage: true,
    });
    await page.close();
  });
});
