import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_URL =
  /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/;

// The major versions of the PostgreSQL servers whose connection strings are in the environment.
function postgresMajors(): string[] {
  return Object.keys(process.env)
    .map(name => POSTGRES_URL.exec(name)?.[1])
    .filter((major): major is string => Boolean(major));
}

function assertPostgresUnderCi(majors: string[]) {
  if (majors.length === 0 && process.env.CI) {
    throw new Error(
      'No PostgreSQL for the tests on PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING (scripts/test-postgres.sh does)',
    );
  }
}

/**
 * The databases store tests run on: SQLite, and every PostgreSQL whose connection string is
 * in the environment (`.ci/run` starts one). Under CI a missing PostgreSQL is an error, not
 * a silent skip, so that a green run always means both databases were tested.
 */
export function storeDatabases(): TestDatabases {
  const majors = postgresMajors();
  assertPostgresUnderCi(majors);
  return TestDatabases.create({
    ids: [
      'SQLITE_3',
      ...majors.map(major => `POSTGRES_${major}` as TestDatabaseId),
    ],
  });
}

/**
 * The connection string of the test PostgreSQL (the newest, if several), for tests that
 * start backends on it; undefined without one, an error under CI (see {@link storeDatabases}).
 */
export function testPostgresConnection(): string | undefined {
  const majors = postgresMajors();
  assertPostgresUnderCi(majors);
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  return newest
    ? process.env[`BACKSTAGE_TEST_DATABASE_POSTGRES${newest}_CONNECTION_STRING`]
    : undefined;
}
