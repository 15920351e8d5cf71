// @ts-check

/**
 * The steps a plan could not take (their cluster did not answer), each with why. Plans stored
 * before this migration skipped nothing silently only as far as their warnings said: they read
 * back with an empty list.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('reserve_plans', table => {
    table
      .text('skipped')
      .notNullable()
      .defaultTo('[]')
      .comment(
        'JSON list of { title, cluster, reason }: steps the plan could not take',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (String(knex.client.config.client).includes('sqlite')) {
    // As in 20261124_execution_runners.js: SQLite (3.35+) drops a plain column in place.
    await knex.raw('ALTER TABLE reserve_plans DROP COLUMN skipped');
    return;
  }
  await knex.schema.alterTable('reserve_plans', table => {
    table.dropColumn('skipped');
  });
};
