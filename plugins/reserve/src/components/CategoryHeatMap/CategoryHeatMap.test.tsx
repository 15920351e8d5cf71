import { lightTheme } from '@backstage/theme';
import { renderInTestApp } from '@backstage/test-utils';
import { hexToRgb } from '@material-ui/core/styles';
import { screen, within } from '@testing-library/react';
import { renderedStyle } from '../../__testUtils__/renderedStyle';
import { ownership } from '../../__testUtils__/reports';
import { ServiceRisk, ownedServices } from '../../presentation/riskRows';
import { CategoryHeatMap } from './CategoryHeatMap';

const { palette } = lightTheme;

// The background of a cell as rendered, e.g. `rgb(117, 117, 117)`.
function cellColour(cell: HTMLElement): string {
  return renderedStyle(cell).backgroundColor;
}

// A service whose categories span every check state, and one without platform data.
const payments = ownership.entities[1];
const everyState: ServiceRisk[] = [
  {
    entityRef: payments.entityRef,
    title: 'Payments API',
    summary: {
      ...payments,
      categories: {
        topology: 'pass',
        workload: 'warn',
        parity: 'fail',
        backup: 'unknown',
        platform: 'waived',
      },
    },
  },
  {
    entityRef: 'component:default/ledger',
    title: 'Ledger',
    summary: {
      ...payments,
      entityRef: 'component:default/ledger',
      title: 'Ledger',
      categories: { topology: 'not-applicable' },
    },
  },
];

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

  it.each([
    ['Topology: Pass', palette.status.ok],
    ['Workloads: Warning', palette.status.warning],
    ['Parity: Fail', palette.status.error],
    ['Backups: Unknown', palette.status.aborted],
    ['Platform: Waived', palette.status.running],
  ])('colours the cell %s in %s', async (cell, colour) => {
    await renderInTestApp(<CategoryHeatMap risks={everyState} />);
    expect(cellColour(screen.getByLabelText(cell))).toBe(hexToRgb(colour));
  });

  it('colours an unknown cell grey, neither green nor amber nor yellow', async () => {
    await renderInTestApp(<CategoryHeatMap risks={everyState} />);
    const unknown = cellColour(screen.getByLabelText('Backups: Unknown'));
    expect(unknown).toBe(hexToRgb(palette.status.aborted));
    for (const other of [
      palette.status.ok,
      palette.status.warning,
      palette.status.pending,
    ]) {
      expect(unknown).not.toBe(hexToRgb(other));
    }
  });

  it('colours a waived cell apart from an unknown one', async () => {
    await renderInTestApp(<CategoryHeatMap risks={everyState} />);
    expect(cellColour(screen.getByLabelText('Platform: Waived'))).not.toBe(
      cellColour(screen.getByLabelText('Backups: Unknown')),
    );
  });

  it('leaves a not-applicable cell and one without data in the background colour', async () => {
    await renderInTestApp(<CategoryHeatMap risks={everyState} />);
    const ledger = screen.getByRole('row', { name: /^Ledger/ });
    const background = hexToRgb(palette.background.default);
    expect(
      cellColour(within(ledger).getByLabelText('Topology: Not applicable')),
    ).toBe(background);
    expect(cellColour(within(ledger).getByLabelText('Parity: No data'))).toBe(
      background,
    );
  });
});
