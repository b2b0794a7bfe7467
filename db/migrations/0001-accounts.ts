import { sql, type Kysely } from 'kysely';

// Frozen: users, workspaces with roles, browser sessions and sign-in throttling.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('users_email_normalised', sql`email = lower(btrim(email))`)
    .execute();

  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('workspace_id', 'uuid', (col) =>
      col.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('memberships_pkey', ['workspace_id', 'user_id'])
    .addCheckConstraint('memberships_role', sql`role in ('owner', 'editor', 'viewer')`)
    .execute();

  await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute();

  // connect-pg-simple's table shape, created here rather than by the store.
  await db.schema
    .createTable('sessions')
    .addColumn('sid', 'varchar', (col) => col.primaryKey())
    .addColumn('sess', 'json', (col) => col.notNull())
    .addColumn('expire', 'timestamptz', (col) => col.notNull())
    .execute();

  await db.schema.createIndex('sessions_expire').on('sessions').column('expire').execute();

  await db.schema
    .createTable('sign_in_failures')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('failed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createIndex('sign_in_failures_key')
    .on('sign_in_failures')
    .columns(['key', 'failed_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_failures').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('memberships').execute();
  await db.schema.dropTable('workspaces').execute();
  await db.schema.dropTable('users').execute();
}
