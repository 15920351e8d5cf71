// @ts-check

/**
 * Action plans, their executions and each execution's steps. A plan is a stored dry run; an
 * execution runs one plan step by step, each step's state written before and after it runs,
 * so that a run can be followed, audited and resumed after a failure or a restart.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reserve_plans', table => {
    table.comment('Planned actions (dry runs) of entities');
    table.string('id', 36).primary().comment('UUID');
    table
      .string('entity_ref')
      .notNullable()
      .comment('e.g. component:default/shop');
    table
      .string('action')
      .notNullable()
      .comment('failover, failback, backup-now, restore-drill');
    table.text('options').notNullable().comment('JSON: the plan request');
    table.string('primary_cluster').nullable();
    table.string('reserve_cluster').nullable();
    table.text('steps').notNullable().comment('JSON: ordered steps');
    table.text('warnings').notNullable().comment('JSON: strings');
    table
      .text('fingerprint')
      .notNullable()
      .comment('JSON: resourceVersions and fields of every object read');
    table.string('created_by').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'created_at'], 'reserve_plans_entity_idx');
  });
  await knex.schema.createTable('reserve_executions', table => {
    table.comment('Runs of planned actions');
    table.string('id', 36).primary().comment('UUID');
    table
      .string('plan_id', 36)
      .notNullable()
      .unique({ indexName: 'reserve_executions_plan_idx' })
      .references('id')
      .inTable('reserve_plans')
      .onDelete('CASCADE');
    table.string('entity_ref').notNullable();
    table.string('action').notNullable();
    table
      .string('state')
      .notNullable()
      .comment('running, succeeded, failed, interrupted');
    // The per-entity lock: the entity ref while running, NULL otherwise. NULLs never collide
    // in a unique index (PostgreSQL and SQLite alike), so one run per entity at a time is
    // enforced by the database itself, across backend instances.
    table
      .string('lock_key')
      .nullable()
      .unique({ indexName: 'reserve_executions_lock_idx' });
    table.string('started_by').notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.text('message').nullable();
    table.index(['entity_ref', 'started_at'], 'reserve_executions_entity_idx');
  });
  await knex.schema.createTable('reserve_execution_steps', table => {
    table.comment(
      'The steps of each execution, stored before and after each runs',
    );
    table
      .string('execution_id', 36)
      .notNullable()
      .references('id')
      .inTable('reserve_executions')
      .onDelete('CASCADE');
    table.integer('step_index').notNullable();
    table.text('title').notNullable();
    table
      .string('state')
      .notNullable()
      .comment('pending, running, succeeded, failed, skipped');
    table.text('output').nullable();
    table
      .text('result')
      .nullable()
      .comment(
        'JSON the later steps read, e.g. when workloads became available',
      );
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.primary(['execution_id', 'step_index']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reserve_execution_steps');
  await knex.schema.dropTable('reserve_executions');
  await knex.schema.dropTable('reserve_plans');
};
