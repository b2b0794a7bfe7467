import { sql, type Kysely } from 'kysely';

// Frozen: brands, their versioned brand brains and their Meta connections.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('brands')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (col) =>
      col.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('slug', 'text', (col) => col.notNull())
    .addColumn('timezone', 'text', (col) => col.notNull())
    .addColumn('language', 'text', (col) => col.notNull())
    .addColumn('website', 'text')
    .addColumn('default_targets', sql`text[]`, (col) =>
      col.notNull().defaultTo(sql`'{facebook}'::text[]`),
    )
    .addColumn('archived_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('brands_workspace_slug', ['workspace_id', 'slug'])
    .execute();

  await db.schema
    .createTable('brand_brains')
    .addColumn('brand_id', 'uuid', (col) =>
      col.notNull().references('brands.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('workspace_id', 'uuid', (col) => col.notNull())
    .addColumn('content', 'jsonb', (col) => col.notNull())
    .addColumn('created_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('brand_brains_pkey', ['brand_id', 'version'])
    .execute();

  await db.schema
    .createTable('meta_connections')
    .addColumn('brand_id', 'uuid', (col) =>
      col.primaryKey().references('brands.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'uuid', (col) => col.notNull())
    .addColumn('page_id', 'text', (col) => col.notNull())
    .addColumn('page_name', 'text', (col) => col.notNull())
    .addColumn('ig_user_id', 'text')
    .addColumn('ig_username', 'text')
    .addColumn('page_token', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('active'))
    .addColumn('status_reason', 'text')
    .addColumn('verified_at', 'timestamptz', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('meta_connections_status', sql`status in ('active', 'needs_reconnect')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('meta_connections').execute();
  await db.schema.dropTable('brand_brains').execute();
  await db.schema.dropTable('brands').execute();
}
