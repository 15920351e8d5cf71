import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { SpecDiff } from './SpecDiff';

describe('SpecDiff', () => {
  it('shows each differing field per workload with the primary and reserve values', async () => {
    await renderInTestApp(
      <SpecDiff
        diff={[
          {
            cluster: 'reserve-ams',
            workload: 'Deployment shop/api',
            path: 'spec.template.spec.containers[name=api].resources.limits.memory',
            primary: '"512Mi"',
            reserve: '"256Mi"',
            text: 'memory: "512Mi" → "256Mi"',
          },
          {
            cluster: 'reserve-ams',
            workload: 'Deployment shop/api',
            path: 'spec.template.spec.nodeSelector',
            primary: '{"disk":"ssd"}',
            text: 'nodeSelector removed',
          },
        ]}
      />,
    );
    const table = screen.getByRole('table', {
      name: 'Differences of Deployment shop/api on reserve-ams',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('− "512Mi"')).toBeInTheDocument();
    expect(within(table).getByText('+ "256Mi"')).toBeInTheDocument();
    expect(within(table).getByText('+ (absent)')).toBeInTheDocument();
  });
});
