import { Entity } from '@backstage/catalog-model';
import { isReserveAvailable } from './assessedEntities';

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', annotations },
  };
}

describe('isReserveAvailable', () => {
  it('assesses a service that names its objects by kubernetes-id or by label selector', () => {
    expect(
      isReserveAvailable(
        component({ 'backstage.io/kubernetes-id': 'checkout' }),
      ),
    ).toBe(true);
    expect(
      isReserveAvailable(
        component({ 'backstage.io/kubernetes-label-selector': 'app=checkout' }),
      ),
    ).toBe(true);
  });

  it('leaves out a cluster Resource that only carries kube-reserve.io labels', () => {
    expect(isReserveAvailable(component({}))).toBe(false);
    expect(
      isReserveAvailable(component({ 'backstage.io/kubernetes-id': '' })),
    ).toBe(false);
  });
});
