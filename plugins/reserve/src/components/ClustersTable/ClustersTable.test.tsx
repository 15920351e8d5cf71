import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { cluster } from '../../__testUtils__/reports';
import { ClustersTable } from './ClustersTable';

describe('ClustersTable', () => {
  it('lists each cluster with its facts, and one Kube Reserve does not know as such', async () => {
    await renderInTestApp(
      <ClustersTable
        clusters={[
          { name: 'prod-fra', title: 'Production Frankfurt', summary: cluster('prod-fra', 'primary') },
          { name: 'lab' },
        ]}
      />,
    );
    expect(screen.getByText('Production Frankfurt')).toBeInTheDocument();
    expect(screen.getByText('hetzner')).toBeInTheDocument();
    expect(screen.getByText('12 s')).toBeInTheDocument();
    expect(screen.getByText('Not configured in Kube Reserve')).toBeInTheDocument();
  });
});
