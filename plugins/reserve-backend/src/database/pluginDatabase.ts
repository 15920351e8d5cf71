import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@kube-reserve/plugin-reserve-backend',
  'migrations',
);

/** The plugin's database client, its schema brought up to date unless told not to. */
export async function connectPluginDatabase(options: {
  database: DatabaseService;
  skipMigrations?: boolean;
}): Promise<Knex> {
  const { database, skipMigrations } = options;
  const client = await database.getClient();
  if (!database.migrations?.skip && !skipMigrations) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}

// Values per `where in` query: SQLite allows 999 bound variables per statement.
const valuesPerQuery = 500;

/** `items` in slices small enough for one `where in` query each, on SQLite too. */
export function queryChunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += valuesPerQuery) {
    result.push(items.slice(i, i + valuesPerQuery));
  }
  return result;
}

/** A stored timestamp as ISO 8601: PostgreSQL returns Dates, SQLite the stored number or text. */
export function isoTime(value: Date | string | number): string {
  return new Date(
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  ).toISOString();
}

/** Whether a write failed on a unique index or primary key (PostgreSQL or SQLite). */
export function isUniqueViolation(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /unique constraint|duplicate key/i.test(message ?? '')
  );
}
