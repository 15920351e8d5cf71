import { TokenDefinition } from '../auth/tokens';
import { ClusterFixture } from '../fixtures/ClusterFixture';
import { KindRegistry } from '../kinds/KindRegistry';
import { KindInfo } from '../kinds/kindTable';
import { FaultState } from '../faults/FaultState';
import { ObjectStore } from '../store/ObjectStore';
import { RequestCounter } from '../server/RequestCounter';

/** Everything one simulated cluster holds: its fixture, the kinds it serves, objects and faults. */
export class ClusterState {
  /** The kinds this cluster serves. */
  readonly kinds: KindRegistry;
  /** The cluster's objects. */
  readonly store = new ObjectStore();
  /** Faults currently switched on. */
  readonly faults = new FaultState();
  /** The API requests the cluster has received. */
  readonly requests = new RequestCounter();

  constructor(readonly fixture: ClusterFixture) {
    this.kinds = new KindRegistry(fixture.crds);
  }

  /** The cluster's name. */
  get name(): string {
    return this.fixture.name;
  }

  /** The bearer tokens the cluster accepts. */
  get tokens(): readonly TokenDefinition[] {
    return this.fixture.tokens;
  }

  /** A kind this cluster serves, by resource name; throws for an unknown name. */
  kind(name: string): KindInfo {
    const info = this.kinds.resolve(name);
    if (!info)
      throw new Error(`cluster ${this.name} serves no resource "${name}"`);
    return info;
  }

  /** The Namespace kind, which namespaced writes check against. */
  get namespaces(): KindInfo {
    return this.kind('namespaces');
  }
}
