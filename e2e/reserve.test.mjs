// Browser tests of the demo: Debian's Chromium driven by playwright-core, as a person would use
// the Reserve pages. Screenshots land in docs/screenshots (the README shows them).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { appUrl, startDemo } from './demo.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const screenshots = resolve(root, 'docs/screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the Kube Reserve demo in a browser', { timeout: 600_000 }, () => {
  let stopDemo;
  let browser;
  let page;

  before(async () => {
    assert.ok(
      existsSync(executablePath),
      `no Chromium at ${executablePath}: apt-get install chromium (or set CHROMIUM_PATH)`,
    );
    mkdirSync(screenshots, { recursive: true });
    stopDemo = await startDemo();
    browser = await chromium.launch({
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
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(60_000);
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByText('Catalog').first().waitFor();
  });

  after(async () => {
    await browser?.close();
    await stopDemo?.();
  });

  // Puts an element (or its closest card's heading) near the top of the viewport.
  const scrollToTop = (locator, heading) =>
    locator.evaluate((el, selector) => {
      const card = selector
        ? el.closest('[class*="MuiCard"], [class*="MuiPaper"]')
        : null;
      const target = (card && card.querySelector(selector)) ?? el;
      target.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -80);
    }, heading);

  const shoot = name =>
    page.screenshot({ path: resolve(screenshots, `${name}.png`) });

  it("shows a not-ready service's failing CronJob finding on its Reserve tab", async () => {
    await page.goto(
      `${appUrl}/catalog/default/component/invoice-mailer/reserve`,
    );
    await page
      .getByText('Could this service run from its reserve now?')
      .waitFor();
    await page.getByText('Not ready').first().waitFor();
    const finding = page.getByText('CronJobs run on one side only');
    await finding.waitFor();
    await page
      .getByText(/invoice-mailer-dunning/)
      .first()
      .waitFor();
    // Open the finding: its evidence per cluster, rationale and remediation command.
    await finding.click();
    await page
      .getByText(/suspend/)
      .first()
      .waitFor();
    await finding.evaluate(el => el.scrollIntoView({ block: 'start' }));
    await shoot('service-reserve-tab');
  });

  it("shows a service's backups against its RPO, and its runbooks", async () => {
    await page.goto(`${appUrl}/catalog/default/component/event-store/reserve`);
    // The backups section: RPO gauge and timeline side by side, then schedules and drills.
    const timeline = page.getByText('Last backups');
    await timeline.waitFor();
    await page
      .getByText(/older than the RPO of 1h/)
      .first()
      .waitFor();
    await scrollToTop(timeline, 'h6, h5, h4, h3, h2');
    await shoot('service-backups');
    const runbooks = page.getByText(/Ticks on manual items count for/);
    await runbooks.waitFor();
    await page.getByText('Failover to reserve').first().click();
    await scrollToTop(runbooks);
    await shoot('service-runbooks');
  });

  it("shows a ready service's overview card", async () => {
    await page.goto(`${appUrl}/catalog/default/component/checkout`);
    await page.getByText('Ready', { exact: true }).first().waitFor();
    await shoot('service-overview-card');
  });

  it("rolls up a team's services on its group page", async () => {
    await page.goto(`${appUrl}/catalog/default/group/team-payments/reserve`);
    for (const service of ['Checkout', 'Payments API', 'Invoice mailer']) {
      await page
        .getByRole('link', { name: service, exact: true })
        .first()
        .waitFor();
    }
    await shoot('group-rollup');
  });

  it('lists the clusters and services by risk on the platform page', async () => {
    await page.goto(`${appUrl}/reserve`);
    for (const cluster of ['prod-fra', 'reserve-ams', 'reserve-fra-b']) {
      await page.getByText(cluster).first().waitFor();
    }
    await page
      .getByRole('link', { name: 'Search indexer', exact: true })
      .first()
      .waitFor();
    await shoot('platform-page');
  });

  // Last: it changes the demo clusters (and puts them back with a failback).
  it('lets the owner fail checkout over to its reserve, step by step, and fail back', async () => {
    await page.goto(`${appUrl}/catalog/default/component/checkout/reserve`);
    const failOver = page.getByRole('button', { name: 'Fail over' }).first();
    await page.getByText('Failover to reserve').first().waitFor();
    if (!(await failOver.isVisible())) {
      await page.getByText('Failover to reserve').first().click();
    }
    await failOver.click();
    const dialog = page.getByRole('dialog');
    const planned = dialog
      .getByText(
        'Suspend CronJob checkout/checkout-abandoned-cart-reminder on prod-fra',
      )
      .first();
    const problem = dialog.getByRole('alert').first();
    await Promise.race([planned.waitFor(), problem.waitFor()]);
    if (await problem.isVisible()) {
      assert.fail(`planning failed: ${await problem.textContent()}`);
    }
    await shoot('action-plan');
    const run = dialog.getByRole('button', { name: 'Run' });
    assert.equal(await run.isDisabled(), true, 'Run waits for the typed name');
    await dialog.getByLabel('Type checkout to confirm').fill('checkout');
    await run.click();
    await dialog
      .getByText('The action succeeded.')
      .waitFor({ timeout: 180_000 });
    await shoot('action-run');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Once collected, the tab shows the new state: the reserve's CronJob runs now.
    const deadline = Date.now() + 90_000;
    for (;;) {
      await page.reload();
      await page
        .getByText('Could this service run from its reserve now?')
        .waitFor();
      if (await page.getByText('Not ready').first().isVisible()) break;
      assert.ok(
        Date.now() < deadline,
        'the Reserve tab never showed the failover',
      );
      await page.waitForTimeout(3000);
    }

    // Fail back from the same runbook, so the demo is as it was.
    const failBack = page.getByRole('button', { name: 'Fail back' }).first();
    if (!(await failBack.isVisible())) {
      await page.getByText('Failover to reserve').first().click();
    }
    await failBack.click();
    const back = page.getByRole('dialog');
    await back
      .getByText(
        'Resume CronJob checkout/checkout-abandoned-cart-reminder on prod-fra',
      )
      .first()
      .waitFor();
    await back.getByLabel('Type checkout to confirm').fill('checkout');
    await back.getByRole('button', { name: 'Run' }).click();
    await back.getByText('The action succeeded.').waitFor({ timeout: 180_000 });
    await back.getByRole('button', { name: 'Close' }).click();
  });

  it('keeps the Reserve tab readable in the dark theme', async () => {
    // Backstage keeps the chosen theme in local storage, as the settings page sets it.
    await page.evaluate(() => localStorage.setItem('theme', 'dark'));
    await page.goto(
      `${appUrl}/catalog/default/component/invoice-mailer/reserve`,
    );
    const finding = page.getByText('CronJobs run on one side only');
    await finding.waitFor();
    const { background, text } = await finding.evaluate(el => {
      const card = el.closest('[class*="MuiPaper"]') ?? document.body;
      return {
        background: getComputedStyle(card).backgroundColor,
        text: getComputedStyle(el).color,
      };
    });
    const luminance = rgb => {
      const [r, g, b] = rgb.match(/\d+/g).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    assert.ok(luminance(background) < 0.3, `dark card, got ${background}`);
    assert.ok(luminance(text) > 0.7, `light text, got ${text}`);
    await shoot('service-reserve-tab-dark');
    await page.evaluate(() => localStorage.removeItem('theme'));
  });
});
