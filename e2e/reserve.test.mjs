// Browser tests of the demo: Debian's Chromium driven by playwright-core, as a person would use
// the Reserve pages. Screenshots land in docs/screenshots (the README shows them).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser.mjs';
import {
  appUrl,
  backendUrl,
  guestToken,
  setFaults,
  startDemo,
} from './demo.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const screenshots = resolve(root, 'docs/screenshots');
// The timeout covers every test after the demo started (node:test times a suite as a whole);
// the actions wait for the simulated clusters, which a loaded CI machine slows down.
describe('the Kube Reserve demo in a browser', { timeout: 900_000 }, () => {
  let stopDemo;
  let browser;
  let page;

  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    stopDemo = await startDemo();
    browser = await launchChromium();
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

  const checkoutTab = `${appUrl}/catalog/default/component/checkout/reserve`;

  // The tab shows what the backend collected last (every 10 s in the demo): reloads it until
  // probe() holds.
  // The question the Reserve tab's top card asks; another one while failed over.
  const summaryTitle =
    /^(Could this service run from its reserve now\?|Is it healthy where it serves, and could it fail back\?)$/;

  const reloadUntil = async (what, probe, timeoutMs = 180_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await page.reload();
      await page.getByText(summaryTitle).waitFor();
      if (await probe()) return;
      assert.ok(Date.now() < deadline, `gave up waiting for ${what}`);
      await page.waitForTimeout(3000);
    }
  };

  // Expands a runbook's card (they start collapsed) on the Reserve tab.
  const openRunbook = async id => {
    const summary = page.locator(`#runbook-${id}-summary`);
    await summary.waitFor();
    if ((await summary.getAttribute('aria-expanded')) !== 'true') {
      await summary.click();
    }
    await page
      .locator(`[role="region"][aria-labelledby="runbook-${id}-summary"]`)
      .waitFor();
  };

  // Opens the dialog of a runbook item's action and waits for its plan to show a step matching
  // `planned`; returns the dialog and that step's text.
  const planFrom = async (item, label, planned) => {
    const button = page
      .getByTestId(`runbook-item-${item}`)
      .getByRole('button', { name: label, exact: true });
    await button.click();
    const dialog = page.getByRole('dialog');
    const title = dialog.getByText(`${label}: checkout`);
    // Once (CI, a loaded machine) the dialog never opened after the click: say so, with what
    // the page showed, and click once more rather than fail on a lost click.
    if (
      !(await title.waitFor({ timeout: 15_000 }).then(
        () => true,
        () => false,
      ))
    ) {
      const expanded = await page
        .locator('[id^="runbook-"][id$="-summary"]')
        .evaluateAll(els =>
          els.map(el => `${el.id}=${el.getAttribute('aria-expanded')}`),
        );
      console.log(
        `planFrom: no ${label} dialog 15 s after the click (button enabled: ${await button.isEnabled()}, runbooks: ${expanded.join(
          ' ',
        )}); clicking again`,
      );
      await page.screenshot({
        path: resolve(tmpdir(), `lost-click-${item}.png`),
      });
      await button.click();
    }
    await title.waitFor();
    const step = dialog.getByText(planned).first();
    const problem = dialog.getByRole('alert').first();
    await Promise.race([step.waitFor(), problem.waitFor()]);
    if (await problem.isVisible()) {
      assert.fail(`planning failed: ${await problem.textContent()}`);
    }
    return { dialog, step: await step.textContent() };
  };

  // Types the confirmation, runs the planned action and waits until it ended, then checks that
  // it succeeded with every step.
  const confirmAndRun = async dialog => {
    const run = dialog.getByRole('button', { name: 'Run', exact: true });
    assert.equal(await run.isDisabled(), true, 'Run waits for the typed name');
    await dialog.getByLabel('Type checkout to confirm').fill('checkout');
    await run.click();
    // The result line gets role status once the execution ended, well or not.
    const result = dialog.getByRole('status');
    await result.waitFor({ timeout: 300_000 });
    assert.match(await result.textContent(), /^The action succeeded\./);
    const steps = dialog.getByTestId(/^execution-step-\d+$/);
    assert.ok((await steps.count()) > 0, 'the dialog lists the steps run');
    for (const step of await steps.all()) {
      assert.match(await step.textContent(), /Succeeded/);
    }
  };

  // The newest execution of an action in the Executions list under the runbooks.
  const lastExecution = action =>
    page
      .locator('tr', {
        has: page.getByRole('cell', { name: action, exact: true }),
      })
      .first();

  // A backup's mark on the timeline; its accessible name says it all (see describeBackup).
  const backupMark = (name, rest = '') =>
    page.locator(
      `svg[aria-label="Backup timeline"] g[aria-label^="${name} on prod-fra; "]${rest}`,
    );

  // Velero's name stamp (YYYYMMDDhhmmss, UTC) as a time.
  const stampTime = stamp =>
    Date.parse(
      `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T` +
        `${stamp.slice(8, 10)}:${stamp.slice(10, 12)}:${stamp.slice(12)}Z`,
    );

  // The Backup the back-up-now test made, for the drill test to wait for when it runs after it.
  let backedUp;

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

    // Its history, recorded by the backend since the demo started (the tab reads it once:
    // opened again until the first change is recorded): since when it has not been ready,
    // and the score over 90 days.
    const notReadySince = page.getByText(/^Not ready since/).first();
    for (let tries = 1; ; tries++) {
      const shown = await notReadySince
        .waitFor({ timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
      if (shown) break;
      if (tries === 20) await notReadySince.waitFor({ timeout: 1 });
      await page.reload();
    }
    const trendCard = page.getByText('Readiness over the last 90 days');
    await trendCard.waitFor();
    await page
      .getByRole('img', { name: /^Score \d+/ })
      .first()
      .waitFor();
    await scrollToTop(trendCard, 'h6, h5, h4, h3, h2');
    await shoot('service-trend');
  });

  it("shows a service's backups against its RPO, and its runbooks", async () => {
    await page.goto(`${appUrl}/catalog/default/component/event-store/reserve`);
    // The backups section: RPO gauge and timeline side by side, then schedules and drills.
    const timeline = page.getByText('Last backups');
    await timeline.waitFor();
    await page
      .getByText(/older than the RPO of 1 h/)
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
    // Each service's movement over 30 days, from its history.
    await page
      .getByRole('columnheader', { name: /30 days/ })
      .first()
      .waitFor();
    await shoot('group-rollup');
  });

  // Issue #17: an owner accepts a finding's risk for a while, sees it counted as waived, on the
  // team's page too, and revokes it. It revokes what it made, so the demo is as it was.
  it("lets the owner waive invoice-mailer's active reserve CronJob, and revoke the waiver", async () => {
    const tab = `${appUrl}/catalog/default/component/invoice-mailer/reserve`;
    const verdict = page
      .locator('p.MuiTypography-h4')
      .filter({ hasText: /^(Ready|At risk|Not ready|Unknown)$/ })
      .first();
    const check = page.locator('[id="parity.cronjobs-summary"]');
    // The expanded check's region (its AccordionDetails inside bears the same id).
    const details = page.getByRole('region', {
      name: 'CronJobs run on one side only',
    });
    const openCheck = async () => {
      await check.waitFor();
      if ((await check.getAttribute('aria-expanded')) !== 'true') {
        await check.click();
      }
      await details.waitFor();
    };
    await page.goto(tab);
    await verdict.filter({ hasText: 'Not ready' }).waitFor();
    await check.getByText('Fail', { exact: true }).waitFor();
    await openCheck();

    await details.getByRole('button', { name: 'Waive', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Waive: CronJobs run on one side only').waitFor();
    // parity.cronjobs is critical: at most 14 days (the backend's default), offered as the
    // default; a later day is refused before anything is sent.
    const until = dialog.getByLabel('Until');
    await dialog
      .getByText(/lasts at most 14 d: until \S+ at the latest$/)
      .waitFor();
    const lastDay = await until.inputValue();
    assert.equal(await until.getAttribute('max'), lastDay);
    const waive = dialog.getByRole('button', { name: 'Waive', exact: true });
    assert.equal(await waive.isDisabled(), true, 'Waive waits for a reason');
    await dialog.getByRole('button', { name: /^Cluster/ }).click();
    await page.getByRole('option', { name: 'reserve-ams only' }).click();
    await dialog
      .getByLabel(/^Reason/)
      .fill(
        'The reserve relay sends no mail until the migration of 2027-01-05',
      );
    const later = new Date(Date.parse(`${lastDay}T12:00:00`) + 2 * 86_400_000);
    await until.fill(later.toISOString().slice(0, 10));
    assert.equal(await waive.isDisabled(), true, 'no waiver past 14 days');
    await until.fill(lastDay);
    await waive.click();
    await dialog.waitFor({ state: 'detached' });

    // The tab fetches the report again: the check counts as waived, and the verdict moves.
    await check.getByText('Waived', { exact: true }).waitFor();
    await verdict.filter({ hasNotText: 'Not ready' }).waitFor();
    await openCheck();
    await details
      .getByText(
        /^Waived by user:default\/guest until \d{4}-\d{2}-\d{2}: The reserve relay sends no mail/,
      )
      .waitFor();
    await details
      .getByText('Waived on reserve-ams only; the check fails underneath')
      .waitFor();
    await check.evaluate(el => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -80);
    });
    await shoot('waived-check');

    // The team's page lists it while it is in force.
    await page.goto(`${appUrl}/catalog/default/group/team-payments/reserve`);
    const waivers = page.getByRole('region', { name: 'Waivers in force' });
    const row = waivers.locator('tr', {
      hasText: 'CronJobs run on one side only',
    });
    await row.getByRole('link', { name: 'Invoice mailer' }).waitFor();
    await row.getByText('reserve-ams', { exact: true }).waitFor();
    await row.getByText('user:default/guest').waitFor();
    await scrollToTop(
      waivers.getByRole('heading', { name: 'Waivers in force' }),
    );
    await shoot('group-waivers');

    // Revoked, the check fails again and the service is not ready again.
    await page.goto(tab);
    await openCheck();
    await details.getByRole('button', { name: 'Revoke', exact: true }).click();
    await check.getByText('Fail', { exact: true }).waitFor();
    await verdict.filter({ hasText: 'Not ready' }).waitFor();
    assert.equal(
      await page.getByText(/^Waived by user:default\/guest/).count(),
      0,
    );
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

  // Issue #7: a service owner runs a backup and a restore drill from the Reserve tab. Both
  // pass before or after the failover test: a drill restores into a scratch namespace and
  // deletes it, a backup changes nothing the other tests look at.
  it('lets the owner back checkout up now, and shows the backup Completed', async () => {
    await page.goto(checkoutTab);
    await openRunbook('restore-drill');
    const title = await page
      .getByTestId('runbook-item-backup-now')
      .getByText(/^Back up now from schedule /)
      .textContent();
    const schedule = title.replace('Back up now from schedule ', '');
    assert.equal(
      schedule,
      'hourly',
      "checkout's Schedule (examples/README.md)",
    );

    const { dialog, step } = await planFrom(
      'backup-now',
      'Back up now',
      new RegExp(
        `Create Backup ${schedule}-\\d{14} on prod-fra from Schedule ${schedule}$`,
      ),
    );
    // Named as velero backup create --from-schedule names it: <schedule>-YYYYMMDDhhmmss, UTC.
    const [, name, stamp] = step.match(
      new RegExp(`Create Backup (${schedule}-(\\d{14}))`),
    );
    assert.ok(
      Math.abs(Date.now() - stampTime(stamp)) < 10 * 60_000,
      `${name} is stamped with the time of planning`,
    );
    await dialog.getByText(`Wait until Backup ${name} is Completed`).waitFor();
    await confirmAndRun(dialog);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    backedUp = name;

    // The simulator's Velero completes it; a collection after that puts it on the timeline
    // as a restore point (an earlier one may still show it InProgress).
    const completed = backupMark(
      name,
      '[aria-label*="; Completed (Restore point); started "]',
    );
    await reloadUntil(
      `${name} on the backup timeline, Completed`,
      async () => (await completed.count()) > 0,
    );
    assert.equal(
      await completed.getAttribute('data-phase-class'),
      'restore-point',
    );
    await lastExecution('backup-now').getByText('succeeded').waitFor();
  });

  it('lets the owner run a restore drill of checkout on its reserve, and records its RTO', async () => {
    await page.goto(checkoutTab);
    if (backedUp) {
      // The drill restores the newest backup the reserve sees: wait until ours synced there.
      await reloadUntil(
        `${backedUp} visible on reserve-ams`,
        async () =>
          (await backupMark(
            backedUp,
            '[aria-label*="; visible on reserve-ams"]',
          ).count()) > 0,
      );
    }
    await openRunbook('restore-drill');
    const { dialog, step } = await planFrom(
      'restore-drill',
      'Run a restore drill',
      /Create Restore checkout-drill-\d{14} of Backup \S+ on reserve-ams into checkout-drill$/,
    );
    const [, restore, backup] = step.match(
      /Create Restore (checkout-drill-\d{14}) of Backup (\S+) on/,
    );
    assert.match(backup, /^hourly-\d{14}$/);
    if (backedUp) {
      // Ours, or one the hourly Schedule made since (names sort by their UTC stamp).
      assert.ok(
        backup >= backedUp,
        `the drill restores the newest backup: ${backup}, not older than ${backedUp}`,
      );
    }
    await dialog
      .getByText('Record the drill and its measured RTO in the drill history')
      .waitFor();
    await dialog
      .getByText('Delete the scratch Namespace checkout-drill on reserve-ams')
      .waitFor();
    await confirmAndRun(dialog);
    await shoot('action-restore-drill');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The drill history lists the new drill with its measured RTO.
    const drill = page.locator('tr', { hasText: `restore ${restore}` });
    await reloadUntil(
      `${restore} in the drill history`,
      async () => (await drill.count()) > 0,
    );
    await drill.getByText('reserve-ams', { exact: true }).waitFor();
    await drill.getByText(backup).first().waitFor();
    await drill.getByText('Completed', { exact: true }).waitFor();
    await drill
      .getByText(/^\d+ (s|min|h|d) \(within the RTO of [^)]+\)$/)
      .waitFor();
    await lastExecution('restore-drill').getByText('succeeded').waitFor();
  });

  // Last: it changes the demo clusters (and puts them back with a failback).
  it('lets the owner fail checkout over to its reserve, step by step, and fail back', async () => {
    await page.goto(checkoutTab);
    await openRunbook('failover');
    const { dialog } = await planFrom(
      'repoint-external-services',
      'Fail over',
      'Suspend CronJob checkout/checkout-abandoned-cart-reminder on prod-fra',
    );
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

    // Once recorded, the tab leads with the new state: checkout serves from the reserve.
    await reloadUntil(
      'the Reserve tab to show the failover',
      async () =>
        (await page.getByText(/^Serving from reserve-ams since /).count()) > 0,
      90_000,
    );

    // Fail back from the same runbook, so the demo is as it was.
    await openRunbook('failover');
    const { dialog: back } = await planFrom(
      'fail-back',
      'Fail back',
      'Resume CronJob checkout/checkout-abandoned-cart-reminder on prod-fra',
    );
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

  it("tells checkout's owners on the notifications page when a fault makes its readiness worse", async () => {
    const token = await guestToken();
    const api = async path => {
      const res = await fetch(`${backendUrl}/api${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      assert.equal(res.status, 200, `GET ${path}`);
      return res.json();
    };
    const verdict = async () =>
      (await api('/reserve/entities/component/default/checkout/readiness'))
        .verdict;
    const until = async (what, probe, timeoutMs = 90_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await probe())) {
        assert.ok(Date.now() < deadline, `gave up waiting for ${what}`);
        await new Promise(done => setTimeout(done, 500));
      }
    };
    // After the failover and failback, checkout is back to a verdict a fault can worsen, and
    // the keeper's next pass (every 5 s in the demo) has seen it there.
    await until('checkout ready or at risk', async () =>
      ['ready', 'at-risk'].includes(await verdict()),
    );
    await new Promise(done => setTimeout(done, 6000));

    const faultAt = Date.now();
    // `yarn cluster-sim fault reserve-ams --refuse`: checkout's reserve stops answering.
    await setFaults('reserve-ams', { refuseConnections: true });
    try {
      // The critical checks on the reserve lose their data (Unknown), or fail (Not ready).
      let worse;
      await until('checkout worse than before', async () => {
        worse = await verdict();
        return ['unknown', 'not-ready'].includes(worse);
      });
      const title = `checkout: reserve readiness worsened to ${
        worse === 'unknown' ? 'Unknown' : 'Not ready'
      }`;
      let seen = [];
      await until(`"${title}" sent after the fault`, async () => {
        const { notifications } = await api(
          '/notifications/notifications?limit=100',
        );
        seen = notifications.map(
          n => `${n.payload.title} (${n.updated ?? n.created}, read ${n.read})`,
        );
        return notifications.some(
          n =>
            n.payload.title === title &&
            // Epoch milliseconds on SQLite, ISO 8601 on PostgreSQL.
            new Date(n.updated ?? n.created).getTime() >= faultAt &&
            !n.read,
        );
      }).catch(error => {
        throw new Error(
          `${error.message}; verdict now ${worse}, fault at ${new Date(
            faultAt,
          ).toISOString()}, notifications: ${seen.join('; ')}`,
        );
      });
      await page.goto(`${appUrl}/notifications`);
      await page.getByText(title).waitFor();
      // The actions of the tests before told the owners too, one notification per run.
      await page.getByText('checkout: Failback succeeded').waitFor();
      await shoot('notifications');
      await page.getByRole('link', { name: title }).first().click();
      await page.waitForURL(/\/catalog\/default\/component\/checkout\/reserve/);
      await page.getByText('reserve-ams').first().waitFor();
    } finally {
      await setFaults('reserve-ams', undefined);
    }
  });
});
