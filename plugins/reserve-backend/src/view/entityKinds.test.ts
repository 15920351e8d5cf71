import { ConfigReader } from '@backstage/config';
import { EntityKinds } from './entityKinds';

describe('EntityKinds', () => {
  it('refuses a System by default, naming the configured kinds and its own', () => {
    const kinds = EntityKinds.fromConfig(new ConfigReader({}));
    expect(() =>
      kinds.assertApplies(
        { kind: 'system', namespace: 'default', name: 'shop' },
        'readiness',
      ),
    ).toThrow(
      'readiness applies to kinds Component, Resource; system:default/shop is a System',
    );
    expect(() =>
      kinds.assertApplies('Component:default/checkout', 'readiness'),
    ).not.toThrow();
  });

  it('applies to the kinds reserve.entityKinds lists', () => {
    const kinds = EntityKinds.fromConfig(
      new ConfigReader({ reserve: { entityKinds: ['Component', 'System'] } }),
    );
    expect(() =>
      kinds.assertApplies('system:default/shop', 'plans'),
    ).not.toThrow();
    expect(() => kinds.assertApplies('resource:default/db', 'plans')).toThrow(
      'plans applies to kinds Component, System; resource:default/db is a Resource',
    );
  });

  it('refuses an empty list at start-up', () => {
    expect(() =>
      EntityKinds.fromConfig(
        new ConfigReader({ reserve: { entityKinds: [] } }),
      ),
    ).toThrow(/reserve.entityKinds/);
  });
});
