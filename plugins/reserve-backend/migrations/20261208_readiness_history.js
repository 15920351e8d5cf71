// @ts-check

/**
 * Readiness history: each entity's latest recorded state (verdict, score, check states), and a
 * row for every change of it. The state row is what concurrent backend instances compare
 * against, inside one transaction, so that a change is recorded once however many instances
 * judged it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reserve_readiness_states', table => {
    table.comment('The latest recorded readiness state of each entity');
    table.string('entity_ref').primary().comment('e.g. component:default/shop');
    table
      .string('digest')
      .notNullable()
      .comment('Verdict, score and check states as one comparable text');
    table.timestamp('at', { useTz: true }).nullable();
  });
  await knex.schema.createTable('reserve_readiness_history', table => {
    table.comment(
      'Every change of the verdict, score or check states of an entity',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref').notNullable();
    table
      .timestamp('at', { useTz: true })
      .notNullable()
      .comment('When the report that first showed the state was made');
    table.string('verdict').notNullable();
    table.integer('score').notNullable();
    table.text('checks').notNullable().comment('JSON object: check id → state');
    table.index(['entity_ref', 'at'], 'reserve_readiness_history_entity_idx');
    table.index(['at'], 'reserve_readiness_history_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reserve_readiness_history');
  await knex.schema.dropTable('reserve_readiness_states');
};
