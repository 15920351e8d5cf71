// @ts-check

/**
 * One collector per cluster across backend instances: a lease row per cluster names the
 * instance collecting it, and the facts it collected are kept here for the other instances
 * to read (the cluster's status in the lease row, each collected kind's objects in a row of
 * their own, rewritten only when they changed), and the key every instance digests Secret
 * values with, so that digests collected by different instances compare.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reserve_cluster_leases', table => {
    table.comment(
      'Which backend instance collects each cluster, and its status',
    );
    table.string('cluster').primary().comment('The configured cluster name');
    table
      .string('holder')
      .notNullable()
      .comment('The instance holding the lease (a random id per process)');
    table
      .timestamp('expires_at', { useTz: true })
      .notNullable()
      .comment('Another instance may take the cluster once this has passed');
    table
      .bigInteger('generation')
      .notNullable()
      .defaultTo(0)
      .comment('Raised by every publication of the facts');
    table
      .text('header')
      .nullable()
      .comment(
        'JSON: the cluster status, version, certificate, each kind listing time',
      );
    table
      .timestamp('refresh_requested_at', { useTz: true })
      .nullable()
      .comment(
        'An instance asked the holder to list everything again (after an action)',
      );
    table
      .timestamp('refreshed_at', { useTz: true })
      .nullable()
      .comment('The request the holder last answered with a fresh listing');
  });
  await knex.schema.createTable('reserve_cluster_kinds', table => {
    table.comment('The compact objects of each collected kind of each cluster');
    table.string('cluster').notNullable();
    table.string('kind_key').notNullable().comment('e.g. deployments');
    table
      .bigInteger('generation')
      .notNullable()
      .comment('The publication that last wrote these objects');
    table.text('items', 'longtext').notNullable().comment('JSON array');
    table.primary(['cluster', 'kind_key']);
  });
  await knex.schema.createTable('reserve_shared_keys', table => {
    table.comment('Keys shared by the backend instances');
    table.string('name').primary().comment('e.g. secret-digest');
    table.string('value', 128).notNullable().comment('Random, hex');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reserve_shared_keys');
  await knex.schema.dropTable('reserve_cluster_kinds');
  await knex.schema.dropTable('reserve_cluster_leases');
};
