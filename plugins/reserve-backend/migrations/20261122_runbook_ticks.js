// @ts-check

/**
 * Ticks of manual runbook items: who confirmed a step of an entity's runbook, when, with
 * which note, and until when the tick counts. An untick deletes the row; the audit log
 * keeps the history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reserve_runbook_ticks', table => {
    table.comment('Manual runbook items ticked by a person, per entity');
    table.bigIncrements('id').primary();
    table
      .string('entity_ref')
      .notNullable()
      .comment('e.g. component:default/shop');
    table.string('runbook').notNullable().comment('e.g. failover');
    table
      .string('item')
      .notNullable()
      .comment('The item id within its runbook');
    table.string('ticked_by').notNullable().comment("The user's entity ref");
    table.timestamp('ticked_at', { useTz: true }).notNullable();
    table.text('note').nullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.unique(['entity_ref', 'runbook', 'item'], {
      indexName: 'reserve_runbook_ticks_item_idx',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reserve_runbook_ticks');
};
