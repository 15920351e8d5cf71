import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_URL =
  /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/;

/**
 * The databases store tests run on: SQLite, and every PostgreSQL whose connection string is
 * in the environment (`.ci/run` starts one). Under CI a missing PostgreSQL is an error, not
 * a silent skip, so that a green run always means both databases were tested.
 */
export function storeDatabases(): TestDatabases {
  const postgres = Object.keys(process.env)
    .map(name => POSTGRES_URL.exec(name)?.[1])
    .filter((major): major is string => Boolean(major))
    .map(major => `POSTGRES_${major}` as TestDatabaseId);
  if (postgres.length === 0 && process.env.CI) {
    throw new Error(
      'No PostgreSQL for the store tests: set BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING (scripts/test-postgres.sh does)',
    );
  }
  return TestDatabases.create({ ids: ['SQLITE_3', ...postgres] });
}
