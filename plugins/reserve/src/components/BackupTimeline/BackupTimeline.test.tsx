import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { backup } from '../../__testUtils__/backups';
import { BackupTimeline } from './BackupTimeline';

describe('BackupTimeline', () => {
  it('draws one mark per backup and marks the failed one as failed', async () => {
    await renderInTestApp(
      <BackupTimeline
        backups={[
          backup('checkout-6h-new', 2),
          backup('checkout-6h-broken', 8, {
            phase: 'Failed',
            phaseClass: 'failed',
            errors: 3,
            visibleOn: [],
            missingOn: ['reserve-ams'],
          }),
          backup('checkout-6h-old', 14),
        ]}
      />,
    );

    const timeline = screen.getByRole('group', { name: 'Backup timeline' });
    expect(timeline.querySelectorAll('g[role="img"]')).toHaveLength(3);
    const failed = screen.getByRole('img', { name: /checkout-6h-broken/ });
    expect(failed).toHaveAttribute('data-phase-class', 'failed');
    expect(failed).toHaveAccessibleName(
      expect.stringContaining('Failed (Failed)'),
    );
    expect(failed).toHaveAccessibleName(
      expect.stringContaining(
        '3 errors, 0 warnings; not visible on reserve-ams',
      ),
    );
    expect(
      screen.getByRole('img', {
        name: /checkout-6h-new.*visible on reserve-ams/,
      }),
    ).toHaveAttribute('data-phase-class', 'restore-point');
    expect(
      screen.getByText('Last 3 backups: 2 restore points, 1 failed'),
    ).toBeInTheDocument();
  });
});
