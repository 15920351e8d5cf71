// @ts-check

/**
 * Notification conditions: for each entity, the level at which each condition Kube Reserve
 * notifies owners about (verdict worsened, API certificate expiring, drill overdue, restore
 * point older than the RPO) was last observed, so that owners hear of a condition once
 * until it clears, whichever backend instance sees it first.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reserve_notification_conditions', table => {
    table.comment(
      'The level each notified condition of each entity was last observed at',
    );
    table
      .string('entity_ref')
      .notNullable()
      .comment('e.g. component:default/shop');
    table
      .string('condition')
      .notNullable()
      .comment('e.g. verdict, api-certificate, drill-overdue, restore-point');
    table
      .integer('level')
      .nullable()
      .comment(
        '0 clear; above 0 raised (the verdict: 1 at risk, 2 not ready); NULL never observed',
      );
    table.timestamp('observed_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'condition']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reserve_notification_conditions');
};
