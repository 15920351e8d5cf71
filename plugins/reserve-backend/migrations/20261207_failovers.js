// @ts-check

/**
 * Where each entity serves from after a failover, until a failback completes: recorded when
 * Kube Reserve's failover execution succeeds, or by hand for a failover done outside it. Ended
 * rows are kept, so the table is also the entity's failover history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reserve_failovers', table => {
    table.comment('Failovers of entities to a reserve, until their failback');
    table.bigIncrements('id').primary();
    table
      .string('entity_ref')
      .notNullable()
      .comment('e.g. component:default/shop');
    // The entity ref while the failover holds, NULL once it ended. NULLs never collide in a
    // unique index (PostgreSQL and SQLite alike), so the database itself keeps one failover
    // in force per entity, across backend instances.
    table
      .string('in_force_key')
      .nullable()
      .unique({ indexName: 'reserve_failovers_in_force_idx' });
    table
      .string('serving_cluster')
      .notNullable()
      .comment('The reserve the entity failed over to');
    table
      .string('former_primary')
      .notNullable()
      .comment("The pair's configured primary it failed over from");
    table
      .timestamp('since', { useTz: true })
      .notNullable()
      .comment('When the failover completed, or was recorded by hand');
    table
      .string('failed_over_by')
      .notNullable()
      .comment('Who ran or recorded it, e.g. user:default/alice');
    table
      .string('execution_id', 36)
      .nullable()
      .comment('The failover execution; NULL when recorded by hand');
    table
      .text('note')
      .nullable()
      .comment('What the person who recorded it by hand wrote');
    table
      .text('pending_on_former_primary')
      .notNullable()
      .defaultTo('[]')
      .comment(
        'JSON list of { title, cluster, reason }: steps to do on the former primary before failing back',
      );
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.string('ended_by').nullable();
    table
      .string('ended_execution_id', 36)
      .nullable()
      .comment('The failback execution; NULL when ended by hand');
    table.index(['entity_ref', 'since'], 'reserve_failovers_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reserve_failovers');
};
