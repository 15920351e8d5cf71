import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { ownership } from '../../__testUtils__/reports';
import { ownedServices } from '../../presentation/riskRows';
import { CategoryHeatMap } from './CategoryHeatMap';

describe('CategoryHeatMap', () => {
  it('has one row per service, worst first, and labels every cell in words', async () => {
    await renderInTestApp(<CategoryHeatMap risks={ownedServices(ownership)} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map(r => r.firstElementChild?.textContent)).toEqual([
      'Payments API',
      'Checkout',
    ]);
    expect(
      within(rows[0]).getByLabelText('Backups: Unknown'),
    ).toHaveTextContent('Unknown');
    expect(
      within(rows[1]).getByLabelText('Workloads: No data'),
    ).toBeInTheDocument();
  });
});
