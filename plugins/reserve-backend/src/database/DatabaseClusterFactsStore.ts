import { randomBytes } from 'node:crypto';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  ClusterFactsStore,
  ClusterLease,
  FactsPublication,
  PublishedFacts,
} from './ClusterFactsStore';
import { connectPluginDatabase, isoTime } from './pluginDatabase';

const leasesTable = 'reserve_cluster_leases';
const kindsTable = 'reserve_cluster_kinds';
const keysTable = 'reserve_shared_keys';

type Time = Date | string | number;

interface LeaseRow {
  cluster: string;
  holder: string;
  expires_at: Time;
  generation: number | string;
  refresh_requested_at: Time | null;
  refreshed_at: Time | null;
}

const toDate = (value: Time) => new Date(isoTime(value));

/** Cluster leases and published facts in the plugin's database. */
export class DatabaseClusterFactsStore implements ClusterFactsStore {
  /** Connects to the plugin's database and brings its schema up to date unless told not to. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseClusterFactsStore> {
    return new DatabaseClusterFactsStore(await connectPluginDatabase(options));
  }

  private constructor(private readonly db: Knex) {}

  async leases(): Promise<ClusterLease[]> {
    const rows: LeaseRow[] = await this.db(leasesTable).select(
      'cluster',
      'holder',
      'expires_at',
      'generation',
      'refresh_requested_at',
      'refreshed_at',
    );
    return rows.map(row => ({
      cluster: row.cluster,
      holder: row.holder,
      expiresAt: toDate(row.expires_at),
      generation: Number(row.generation),
      ...(row.refresh_requested_at !== null
        ? { refreshRequestedAt: toDate(row.refresh_requested_at) }
        : {}),
      ...(row.refreshed_at !== null
        ? { refreshedAt: toDate(row.refreshed_at) }
        : {}),
    }));
  }

  async claim(
    cluster: string,
    holder: string,
    expiresAt: Date,
  ): Promise<boolean> {
    const now = new Date();
    // A cluster no instance has held yet gets its row, with this holder.
    await this.db(leasesTable)
      .insert({ cluster, holder, expires_at: expiresAt })
      .onConflict('cluster')
      .ignore();
    // One statement takes or renews it: of two instances taking a free lease, one changes the
    // row; the other's condition no longer holds when its turn on the row comes.
    const updated = await this.db(leasesTable)
      .where({ cluster })
      .andWhere(free => free.where({ holder }).orWhere('expires_at', '<', now))
      .update({ holder, expires_at: expiresAt });
    return updated === 1;
  }

  async release(cluster: string, holder: string): Promise<void> {
    await this.db(leasesTable)
      .where({ cluster, holder })
      .update({ expires_at: new Date(0) });
  }

  async publish(
    cluster: string,
    holder: string,
    publication: FactsPublication,
  ): Promise<boolean> {
    return this.db.transaction(async trx => {
      const raised = await trx(leasesTable)
        .where({ cluster, holder })
        .andWhere('expires_at', '>', new Date())
        .update({
          generation: trx.raw('generation + 1'),
          header: publication.header,
          ...(publication.answersRefreshOf
            ? { refreshed_at: publication.answersRefreshOf }
            : {}),
        });
      if (raised !== 1) return false;
      const { generation } = await trx(leasesTable)
        .where({ cluster })
        .first('generation');
      for (const [kind_key, items] of publication.changedKinds) {
        await trx(kindsTable)
          .insert({ cluster, kind_key, generation, items })
          .onConflict(['cluster', 'kind_key'])
          .merge(['generation', 'items']);
      }
      if (publication.removedKinds.length > 0) {
        await trx(kindsTable)
          .where({ cluster })
          .whereIn('kind_key', publication.removedKinds)
          .delete();
      }
      return true;
    });
  }

  async publishedSince(
    cluster: string,
    generation: number,
  ): Promise<PublishedFacts> {
    return this.db.transaction(async trx => {
      const lease = await trx(leasesTable)
        .where({ cluster })
        .first('generation', 'header');
      const rows: { kind_key: string; items: string }[] = await trx(kindsTable)
        .where({ cluster })
        .andWhere('generation', '>', generation)
        // What was published with the header read, not a later publication's half.
        .andWhere('generation', '<=', lease?.generation ?? 0)
        .select('kind_key', 'items');
      return {
        generation: lease ? Number(lease.generation) : 0,
        ...(lease?.header ? { header: lease.header as string } : {}),
        kinds: new Map(rows.map(row => [row.kind_key, row.items])),
      };
    });
  }

  async requestRefresh(cluster: string, at: Date): Promise<void> {
    await this.db(leasesTable)
      .where({ cluster })
      .update({ refresh_requested_at: at });
  }

  async secretDigestKey(): Promise<Buffer> {
    const name = 'secret-digest';
    // The first instance's key wins; every instance reads the one stored.
    await this.db(keysTable)
      .insert({ name, value: randomBytes(32).toString('hex') })
      .onConflict('name')
      .ignore();
    const { value } = await this.db(keysTable).where({ name }).first('value');
    return Buffer.from(value as string, 'hex');
  }
}
