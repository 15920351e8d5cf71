// @ts-check

/**
 * Waivers: an entity's check (on one cluster, or all) accepted as a risk until an expiry.
 * Revoked and lapsed waivers are kept, so the table is also the entity's waiver history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reserve_waivers', table => {
    table.comment('Checks of entities accepted as a risk until an expiry');
    table.string('id', 36).primary().comment('A UUID');
    table
      .string('entity_ref')
      .notNullable()
      .comment('e.g. component:default/shop');
    table.string('check_id').notNullable().comment('e.g. parity.cronjobs');
    table
      .string('cluster')
      .nullable()
      .comment("The cluster whose result is waived; NULL: every cluster's");
    table.text('reason').notNullable();
    table.string('created_by').notNullable().comment('e.g. user:default/alice');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.string('revoked_by').nullable();
    table.timestamp('revoked_at', { useTz: true }).nullable();
    table
      .boolean('lapse_audited')
      .notNullable()
      .defaultTo(false)
      .comment('Whether its lapse at expiry was written to the audit log');
    table.index(['entity_ref'], 'reserve_waivers_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reserve_waivers');
};
