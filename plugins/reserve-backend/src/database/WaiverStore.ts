import { Waiver } from '@kube-reserve/plugin-reserve-common';

/** Waivers of entities' checks; revoked and lapsed ones are kept as history. */
export interface WaiverStore {
  /**
   * Stores a new waiver; ConflictError when one in force at `now` already waives the same
   * check on the same cluster (or on every cluster) of the entity.
   */
  createWaiver(waiver: Waiver, now: Date): Promise<void>;
  /** The waiver, in force or not; undefined when there is none with this id. */
  getWaiver(id: string): Promise<Waiver | undefined>;
  /**
   * Revokes a waiver in force at `revoked.at`: the waiver as revoked, or undefined when it was
   * revoked or lapsed already.
   */
  revokeWaiver(
    id: string,
    revoked: { by: string; at: string },
  ): Promise<Waiver | undefined>;
  /** The waivers in force at `now` of each given entity that has any, in one read. */
  waiversInForce(
    entityRefs: readonly string[],
    now: Date,
  ): Promise<Map<string, Waiver[]>>;
  /** The entity's waivers no longer in force at `now`, newest first. */
  pastWaivers(entityRef: string, now: Date, limit?: number): Promise<Waiver[]>;
  /**
   * Waivers that lapsed (expired unrevoked) by `now` and whose lapse is not audited yet, each
   * marked audited as it is returned, so that one instance audits each lapse once.
   */
  takeLapsed(now: Date): Promise<Waiver[]>;
}
