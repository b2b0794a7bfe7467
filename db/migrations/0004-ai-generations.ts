import { sql, type Kysely } from 'kysely';

// Frozen: one row per AI generation, kept even when the provider failed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ai_generations')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (col) => col.notNull())
    .addColumn('brand_id', 'uuid', (col) =>
      col.notNull().references('brands.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('brain_version', 'integer')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('brief', 'text', (col) => col.notNull())
    .addColumn('platform', 'text')
    .addColumn('provider', 'text')
    .addColumn('model', 'text')
    .addColumn('prompt_tokens', 'integer')
    .addColumn('completion_tokens', 'integer')
    .addColumn('latency_ms', 'integer')
    .addColumn('finish_reason', 'text')
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createIndex('ai_generations_workspace')
    .on('ai_generations')
    .columns(['workspace_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ai_generations').execute();
}
