import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { VerdictStatus } from './VerdictStatus';

describe('VerdictStatus', () => {
  it.each([
    ['ready', 'Status ok', 'Ready'],
    ['at-risk', 'Status warning', 'At risk'],
    ['not-ready', 'Status error', 'Not ready'],
    ['unknown', 'Status pending', 'Unknown'],
  ] as const)('shows %s as %s', async (verdict, icon, label) => {
    await renderInTestApp(<VerdictStatus verdict={verdict} />);
    expect(screen.getByLabelText(icon)).toHaveTextContent(label);
  });
});
