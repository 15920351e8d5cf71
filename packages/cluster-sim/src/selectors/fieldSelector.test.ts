import { fieldMatcher } from './fieldSelector';
import { SelectorError } from './labelSelector';

describe('field selectors', () => {
  const pod = {
    metadata: { name: 'web-1', namespace: 'shop' },
    spec: { nodeName: 'w-1' },
  };

  it('selects by metadata.name and metadata.namespace with =, == and !=', () => {
    expect(fieldMatcher('metadata.name=web-1', {})(pod)).toBe(true);
    expect(fieldMatcher('metadata.name==web-2', {})(pod)).toBe(false);
    expect(fieldMatcher('metadata.namespace!=shop', {})(pod)).toBe(false);
    expect(
      fieldMatcher('metadata.name=web-1,metadata.namespace=shop', {})(pod),
    ).toBe(true);
  });

  it('supports the extra fields a kind declares and rejects any other field', () => {
    expect(
      fieldMatcher('spec.nodeName=w-1', {
        'spec.nodeName': o => o.spec.nodeName,
      })(pod),
    ).toBe(true);
    expect(() => fieldMatcher('spec.nodeName=w-1', {})).toThrow(
      new SelectorError('field label not supported: spec.nodeName'),
    );
  });
});
