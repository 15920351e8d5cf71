import { lightTheme } from '@backstage/theme';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { change, checkoutHistory } from '../../__testUtils__/history';
import { ReadinessTrend } from './ReadinessTrend';

const { status } = lightTheme.palette;
const now = new Date('2026-12-07T18:00:00Z');
const berlin = { locale: 'en-GB', timeZone: 'Europe/Berlin' };

describe('ReadinessTrend', () => {
  it('sums up the score over 90 days, the changes and the verdict now in its accessible name', async () => {
    await renderInTestApp(
      <ReadinessTrend history={checkoutHistory(now)} localTime={berlin} />,
    );
    const chart = screen.getByRole('img', {
      name: 'Score 72 → 55 over 90 days, 3 changes; now Not ready',
    });
    expect(chart.querySelector('title')).toHaveTextContent(
      'Score 72 → 55 over 90 days, 3 changes; now Not ready',
    );
    // The window's start, two days between, and now.
    expect(within(chart).getByText(/^8 Sept?$/)).toBeInTheDocument();
    expect(within(chart).getByText('now')).toBeInTheDocument();
  });

  it('colours each state’s band by its verdict, in order, and marks only the changes within the window', async () => {
    await renderInTestApp(
      <ReadinessTrend history={checkoutHistory(now)} localTime={berlin} />,
    );
    const chart = screen.getByRole('img');
    const bands = [...chart.querySelectorAll('rect[data-verdict]')];
    expect(
      bands.map(band => [
        band.getAttribute('data-verdict'),
        band.getAttribute('fill'),
      ]),
    ).toEqual([
      ['ready', status.ok],
      ['at-risk', status.warning],
      ['ready', status.ok],
      ['not-ready', status.error],
    ]);
    expect(bands[1].querySelector('title')).toHaveTextContent(
      'At risk, score 64, from 8 Oct',
    );
    expect(bands[0].querySelector('title')).toHaveTextContent(
      /^Ready, score 72, already on 8 Sept?$/,
    );
    // The state in force before the window is no change: three points, not four.
    expect(
      [...chart.querySelectorAll('circle')].map(point =>
        point.getAttribute('fill'),
      ),
    ).toEqual([status.warning, status.ok, status.error]);
    expect(
      within(screen.getByLabelText('Legend'))
        .getAllByText(/./)
        .map(item => item.textContent),
    ).toEqual(['Ready', 'At risk', 'Not ready']);
  });

  it('draws the score as steps: flat until the next change, up or down at it', async () => {
    await renderInTestApp(
      <ReadinessTrend
        history={{
          ...checkoutHistory(now),
          changes: [
            change(now, 45, 'ready', 100),
            change(now, 0, 'unknown', 0),
          ],
          notReadySince: undefined,
        }}
      />,
    );
    const line = screen.getByRole('img').querySelector('path')!;
    // 100 at half the width, straight down to 0, then flat to now.
    expect(line.getAttribute('d')).toBe('M 332 8 H 632 V 104 H 632');
    expect(
      screen.getByRole('img', {
        name: /^Score 100 → 0 since .*, 1 change; now Unknown$/,
      }),
    ).toBeInTheDocument();
  });

  it('says no history is recorded yet instead of drawing an empty chart', async () => {
    await renderInTestApp(
      <ReadinessTrend
        history={{
          ...checkoutHistory(now),
          changes: [],
          notReadySince: undefined,
        }}
      />,
    );
    expect(screen.getByText('No history recorded yet')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });
});
