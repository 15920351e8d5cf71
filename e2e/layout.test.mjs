// Every page of the demo at the widths of common laptop windows: nothing runs past the window
// or scrolls sideways, and no table cell breaks a word between two letters.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from './browser.mjs';
import { appUrl, startDemo } from './demo.mjs';
import { layoutProblems } from './layout.mjs';

// Each page, and what shows once it has loaded everything it shows.
const pages = [
  {
    name: 'the catalog',
    path: '/',
    loaded: page => page.getByRole('link', { name: 'Checkout' }).first(),
    // Backstage's own catalog table (seven columns beside the filters) is wider than its card
    // at 1280 px and scrolls inside it; the window does not cut it.
    scrollingBoxes: true,
  },
  {
    name: "checkout's Reserve tab",
    path: '/catalog/default/component/checkout/reserve',
    loaded: page => page.getByText(/^Ticks on manual items count for/),
  },
  {
    name: "payments-api's Reserve tab with its image finding open",
    path: '/catalog/default/component/payments-api/reserve',
    loaded: page => page.getByText(/^Ticks on manual items count for/),
    // The evidence names two long image references.
    open: page => page.getByText('Same images on both sides'),
  },
  {
    name: "team-payments' Reserve tab",
    path: '/catalog/default/group/team-payments/reserve',
    loaded: page => page.getByText('Clusters the group owns'),
  },
  {
    name: 'the platform page',
    path: '/reserve',
    loaded: page => page.getByRole('link', { name: 'Search indexer' }),
  },
];

describe('the demo at 1280 and 1440 px wide', { timeout: 900_000 }, () => {
  let stopDemo;
  let browser;

  before(async () => {
    stopDemo = await startDemo();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await stopDemo?.();
  });

  for (const width of [1280, 1440]) {
    for (const target of pages) {
      it(`fits ${target.name} in ${width} px, every word whole`, async () => {
        const page = await browser.newPage({
          viewport: { width, height: 900 },
        });
        page.setDefaultTimeout(120_000);
        try {
          await page.goto(appUrl);
          await page.getByRole('button', { name: 'Enter' }).click();
          await page.getByText('Catalog').first().waitFor();
          await page.goto(`${appUrl}${target.path}`);
          await target.loaded(page).first().waitFor();
          if (target.open) {
            await target.open(page).click();
          }
          // Let lazy cards and the services table's last reports arrive.
          await page.waitForLoadState('networkidle');
          await page
            .getByLabel('Assessment progress')
            .waitFor({ state: 'detached' });
          const problems = await layoutProblems(page, {
            scrollingBoxes: target.scrollingBoxes,
          });
          assert.deepEqual(
            problems,
            [],
            `${target.name} at ${width} px:\n${problems.join('\n')}`,
          );
        } finally {
          await page.close();
        }
      });
    }
  }
});
