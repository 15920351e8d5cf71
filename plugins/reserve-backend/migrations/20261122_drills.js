// @ts-check

/**
 * The restore drill history: every finished restore of an entity's backup on a reserve.
 * Velero forgets them (Restore objects are not synced between clusters and are deleted with
 * their backup), so Kube Reserve keeps its own record.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reserve_drills', table => {
    table.comment(
      'Restores of entity backups that finished on reserve clusters',
    );
    table.bigIncrements('id').primary();
    table
      .string('entity_ref')
      .notNullable()
      .comment('e.g. component:default/shop');
    table
      .string('cluster')
      .notNullable()
      .comment('The reserve the restore ran on');
    table.string('restore_name').notNullable();
    table.string('backup_name').notNullable();
    table
      .text('namespace_mapping')
      .notNullable()
      .comment('JSON object: source namespace to restored namespace');
    table
      .string('phase')
      .notNullable()
      .comment('Completed, PartiallyFailed or Failed');
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.bigInteger('duration_ms').nullable();
    table
      .timestamp('recorded_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    // One restore may bring back several entities' namespaces: one row per entity.
    table.unique(['entity_ref', 'cluster', 'restore_name'], {
      indexName: 'reserve_drills_entity_restore_idx',
    });
    table.index(
      ['entity_ref', 'completed_at'],
      'reserve_drills_entity_completed_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reserve_drills');
};
