// The day of the fire (DESIGN §6), in a browser: checkout's primary prod-fra stops answering;
// its Reserve tab says so first and offers Fail over in its header; after the failover it
// serves from reserve-ams and says so; once prod-fra answers again it fails back and is
// Ready. Screenshots of both states land in docs/screenshots (the README shows them).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser.mjs';
import {
  appUrl,
  backendUrl,
  guestToken,
  setFaults,
  startDemo,
} from './demo.mjs';
import { layoutProblems } from './layout.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const screenshots = resolve(root, 'docs/screenshots');
const checkoutTab = `${appUrl}/catalog/default/component/checkout/reserve`;
const checkoutApi = `${backendUrl}/api/reserve/entities/component/default/checkout`;

async function api(path, init = {}) {
  const res = await fetch(path, {
    ...init,
    headers: {
      Authorization: `Bearer ${await guestToken()}`,
      'Content-Type': 'application/json',
    },
  });
  const body = await res.json();
  if (!res.ok)
    throw new Error(`${path} answered ${res.status}: ${body.error?.message}`);
  return body;
}

// Puts the demo back as it was if a run stopped half-way: prod-fra answering, checkout
// served from it. Failing back needs prod-fra to have answered a collection first.
async function restoreDemo() {
  await setFaults('prod-fra', undefined);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const report = await api(`${checkoutApi}/readiness`);
    if (!report.failover) return;
    const primary = report.clusters.find(c => c.name === 'prod-fra');
    if (primary?.status.state === 'ok') {
      const plan = await api(`${checkoutApi}/actions/failback/plan`, {
        method: 'POST',
        body: '{}',
      });
      let execution = await api(`${checkoutApi}/actions/failback/executions`, {
        method: 'POST',
        body: JSON.stringify({ planId: plan.id, confirmation: 'checkout' }),
      });
      while (execution.state === 'running') {
        await sleep(2000);
        execution = await api(
          `${backendUrl}/api/reserve/executions/${execution.id}`,
        );
      }
    }
    await sleep(3000);
  }
}

describe('checkout on the day of the fire', { timeout: 900_000 }, () => {
  let stopDemo;
  let browser;
  let page;

  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    // A run stopped half-way may have left prod-fra refusing: the demo waits for it.
    await setFaults('prod-fra', undefined).catch(() => {});
    stopDemo = await startDemo();
    await restoreDemo();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(60_000);
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByText('Catalog').first().waitFor();
  });

  after(async () => {
    await browser?.close();
    try {
      await restoreDemo();
    } finally {
      await stopDemo?.();
    }
  });

  const shoot = name =>
    page.screenshot({ path: resolve(screenshots, `${name}.png`) });

  // The top card of the Reserve tab, whichever question it asks.
  const summary = () =>
    page
      .locator('[class*="MuiCard-root"]', {
        has: page.getByText(
          /^(Could this service run from its reserve now\?|Is it healthy where it serves, and could it fail back\?)$/,
        ),
      })
      .first();

  // The tab shows what the backend collected last (every 10 s in the demo): reloads it until
  // probe() holds.
  const reloadUntil = async (what, probe, timeoutMs = 180_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await page.goto(checkoutTab);
      await summary().waitFor();
      if (await probe()) return;
      assert.ok(Date.now() < deadline, `gave up waiting for ${what}`);
      await page.waitForTimeout(3000);
    }
  };

  // Waits until a button is enabled (the permission and the action's availability load
  // after the report).
  const enabled = async (button, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await button.isEnabled())) {
      if (Date.now() > deadline) return false;
      await page.waitForTimeout(250);
    }
    return true;
  };

  const situation = () =>
    page.getByTestId('report-situation').getByRole('status');
  const headerButton = name =>
    summary().getByRole('button', { name, exact: true });

  // Plans the header's action, runs it once the name is typed, and checks that every step
  // succeeded; returns the plan's steps and skipped steps as the dialog lists them.
  const runFromHeader = async (label, shot) => {
    await headerButton(label).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`${label}: checkout`).waitFor();
    const firstStep = dialog.getByTestId('plan-step-0');
    const problem = dialog.getByRole('alert').first();
    await Promise.race([firstStep.waitFor(), problem.waitFor()]);
    if (await problem.isVisible()) {
      assert.fail(`planning failed: ${await problem.textContent()}`);
    }
    const steps = await dialog.getByTestId(/^plan-step-\d+$/).allTextContents();
    const skipped = await dialog
      .getByTestId('plan-skipped-step')
      .allTextContents();
    if (shot) await shoot(shot);
    const run = dialog.getByRole('button', { name: 'Run', exact: true });
    assert.equal(await run.isDisabled(), true, 'Run waits for the typed name');
    await dialog.getByLabel('Type checkout to confirm').fill('checkout');
    await run.click();
    const result = dialog.getByRole('status');
    await result.waitFor({ timeout: 300_000 });
    assert.match(await result.textContent(), /^The action succeeded\./);
    for (const step of await dialog.getByTestId(/^execution-step-\d+$/).all()) {
      assert.match(await step.textContent(), /Succeeded/);
    }
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    return { steps, skipped };
  };

  it('says prod-fra is down first, fails over from the header, serves from reserve-ams, and is Ready after failing back', async () => {
    // 1. The primary stops answering (`yarn cluster-sim fault prod-fra --refuse`).
    await setFaults('prod-fra', { refuseConnections: true });
    await reloadUntil(
      'the Reserve tab to say prod-fra is unreachable',
      async () => (await situation().count()) > 0,
    );
    // Said plainly, first, with local clock times.
    assert.match(
      await situation().innerText(),
      /^prod-fra unreachable since \d{1,2}:\d{2}( [AP]M)?; last data \d{1,2}:\d{2}( [AP]M)?$/,
    );
    const [situationTop, verdictTop] = await Promise.all([
      situation().boundingBox(),
      summary().getByLabel('Score').boundingBox(),
    ]);
    assert.ok(
      situationTop.y < verdictTop.y,
      'the situation comes before the score',
    );
    assert.ok(await enabled(headerButton('Fail over')), 'Fail over offered');

    // prod-fra's card: a long failure text beside it, every label still on one line.
    const labels = page
      .getByRole('table', { name: 'Facts of prod-fra' })
      .locator('th');
    for (const label of await labels.all()) {
      const lines = await label.evaluate(el => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top)))
          .size;
      });
      assert.equal(lines, 1, `label ${await label.innerText()} on one line`);
    }
    assert.deepEqual(await layoutProblems(page), []);
    await situation().scrollIntoViewIfNeeded();
    await shoot('day-of-fire-primary-unreachable');

    // 2. Fail over from the header: every reserve-side step planned, prod-fra's side skipped
    // with the reason, nothing dropped.
    const failover = await runFromHeader(
      'Fail over',
      'day-of-fire-failover-plan',
    );
    assert.ok(
      failover.steps.some(step => /reserve-ams/.test(step)),
      `reserve-side steps planned: ${failover.steps.join(' | ')}`,
    );
    assert.ok(
      failover.skipped.some(step => /prod-fra/.test(step)),
      `prod-fra's steps listed as skipped: ${failover.skipped.join(' | ')}`,
    );

    // 3. Failed over: the tab says where it serves from and judges it there.
    await reloadUntil(
      'the Reserve tab to say checkout serves from reserve-ams',
      async () =>
        (await situation().count()) > 0 &&
        /^Serving from reserve-ams since /.test(await situation().innerText()),
    );
    assert.match(
      await situation().innerText(),
      /^Serving from reserve-ams since \d{1,2}:\d{2}( [AP]M)? \(failover by user:default\/guest\)$/,
    );
    await summary()
      .getByText('Is it healthy where it serves, and could it fail back?')
      .waitFor();
    // Judged where it serves: the former primary's silence is expected, not a reason for an
    // unknown verdict, and no finding contradicts the failover (the CronJob runs on the
    // serving side once reserve-ams is collected again).
    const cronJobs = page.locator('[id="parity.cronjobs-summary"]');
    await reloadUntil(
      'the CronJobs check to see the CronJob resumed on reserve-ams',
      async () =>
        (await cronJobs.count()) > 0 &&
        (await cronJobs.getByLabel('Status ok').count()) > 0,
      60_000,
    );
    const verdict = await summary()
      .getByText(/^(Ready|At risk|Not ready|Unknown)$/)
      .first()
      .innerText();
    assert.notEqual(verdict, 'Unknown', 'judged where it serves');
    assert.equal(
      await page
        .getByRole('button', { name: 'Fail over', exact: true })
        .count(),
      0,
      'no Fail over while failed over',
    );
    const serving = page.getByRole('table', { name: /^Facts of / }).first();
    assert.equal(
      await serving.getAttribute('aria-label'),
      'Facts of reserve-ams',
    );
    await page
      .getByText('Serving since the failover; configured as reserve')
      .waitFor();
    await situation().scrollIntoViewIfNeeded();
    await shoot('day-of-fire-failed-over');
    // The runbooks lead with Fail back too.
    await page.locator('#runbook-failover-summary').click();
    assert.equal(
      await page
        .getByTestId(/^runbook-item-/)
        .first()
        .getAttribute('data-testid'),
      'runbook-item-fail-back',
    );

    // The team's and the platform's pages say where checkout serves from.
    for (const path of [
      '/catalog/default/group/team-payments/reserve',
      '/reserve',
    ]) {
      await page.goto(`${appUrl}${path}`);
      await page
        .locator('tr', {
          has: page.getByRole('link', { name: 'Checkout', exact: true }),
        })
        .getByText('Serving from reserve-ams', { exact: true })
        .waitFor();
    }

    // 4. prod-fra answers again: Fail back, from the header, and checkout is Ready.
    await setFaults('prod-fra', undefined);
    await reloadUntil(
      'Fail back to be offered once prod-fra answers',
      async () =>
        (await headerButton('Fail back').count()) > 0 &&
        enabled(headerButton('Fail back'), 5000),
    );
    const failback = await runFromHeader('Fail back');
    // prod-fra's CronJob was never suspended (it did not answer): the failback puts the
    // reserve back as the failover found it.
    assert.ok(
      failback.steps.some(step =>
        /^1?\d\. Suspend CronJob checkout\/checkout-abandoned-cart-reminder on reserve-ams/.test(
          step,
        ),
      ),
      `the failback suspends the reserve's CronJob again: ${failback.steps.join(
        ' | ',
      )}`,
    );
    await reloadUntil(
      'checkout to be Ready on prod-fra again',
      async () =>
        (await situation().count()) === 0 &&
        (await summary().getByText('Ready', { exact: true }).count()) > 0,
    );
    await headerButton('Fail over').waitFor();
  });
});
