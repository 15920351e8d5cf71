// @ts-check

/**
 * Who runs each execution. Every backend instance draws a random runner id at start; a running
 * execution records its runner and a heartbeat the runner refreshes while it runs, so that
 * another instance can tell a live run (leave it alone) from one whose instance is gone (mark
 * it interrupted). Executions stored before this migration have neither: a running one among
 * them counts as abandoned, as every running execution did at start-up before.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reserve_executions', table => {
    table
      .string('runner', 36)
      .nullable()
      .comment('The backend instance running (or that last ran) it: a UUID');
    table
      .timestamp('heartbeat_at', { useTz: true })
      .nullable()
      .comment('When its runner last said it still runs it');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (String(knex.client.config.client).includes('sqlite')) {
    // Knex drops a SQLite column by rebuilding the table, and inside the migration's
    // transaction it cannot switch foreign keys off: dropping the old table would cascade to
    // every step. SQLite (3.35+) drops these plain columns in place.
    await knex.raw('ALTER TABLE reserve_executions DROP COLUMN heartbeat_at');
    await knex.raw('ALTER TABLE reserve_executions DROP COLUMN runner');
    return;
  }
  await knex.schema.alterTable('reserve_executions', table => {
    table.dropColumn('heartbeat_at');
    table.dropColumn('runner');
  });
};
