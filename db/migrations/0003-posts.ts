import { sql, type Kysely } from 'kysely';

// Frozen: posts, one target row per platform, the post's history and the
// audit of every Graph API call made while publishing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('posts')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'uuid', (col) => col.notNull())
    .addColumn('brand_id', 'uuid', (col) =>
      col.notNull().references('brands.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('caption', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('captions', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('media', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('targets', sql`text[]`, (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('draft'))
    .addColumn('scheduled_at', 'timestamptz')
    .addColumn('retry_at', 'timestamptz')
    .addColumn('attempt', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('claim_expires_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('review_reason', 'text')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('published_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'posts_status',
      sql`status in ('draft', 'scheduled', 'publishing', 'published', 'failed', 'needs_review')`,
    )
    .addCheckConstraint(
      'posts_scheduled_has_time',
      sql`status <> 'scheduled' or scheduled_at is not null`,
    )
    .execute();

  // The claim reads only this partial index: due posts stay a small set.
  await sql`create index posts_due on posts (scheduled_at) where status = 'scheduled' and deleted_at is null`.execute(
    db,
  );
  await sql`create index posts_leases on posts (claim_expires_at) where status = 'publishing'`.execute(
    db,
  );
  await sql`create index posts_brand_calendar on posts (brand_id, scheduled_at) where deleted_at is null`.execute(
    db,
  );
  await sql`create index posts_workspace_calendar on posts (workspace_id, scheduled_at) where deleted_at is null`.execute(
    db,
  );
  await sql`create index posts_brand_list on posts (brand_id, created_at desc, id desc) where deleted_at is null`.execute(
    db,
  );

  await db.schema
    .createTable('post_targets')
    .addColumn('post_id', 'uuid', (col) => col.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('workspace_id', 'uuid', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('attempt', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('remote_id', 'text')
    .addColumn('container_id', 'text')
    .addColumn('sending_started_at', 'timestamptz')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('published_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('post_targets_pkey', ['post_id', 'platform'])
    .addCheckConstraint('post_targets_platform', sql`platform in ('facebook', 'instagram')`)
    .addCheckConstraint(
      'post_targets_status',
      sql`status in ('pending', 'sending', 'published', 'failed')`,
    )
    .execute();

  await db.schema
    .createTable('post_events')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('post_id', 'uuid', (col) => col.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('workspace_id', 'uuid', (col) => col.notNull())
    .addColumn('actor_id', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('detail', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createIndex('post_events_post')
    .on('post_events')
    .columns(['post_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('publish_attempts')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('post_id', 'uuid', (col) => col.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('workspace_id', 'uuid', (col) => col.notNull())
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('attempt', 'integer', (col) => col.notNull())
    .addColumn('worker_id', 'text', (col) => col.notNull())
    .addColumn('call', 'text', (col) => col.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('error_code', 'integer')
    .addColumn('error_subcode', 'integer')
    .addColumn('error_message', 'text')
    .addColumn('duration_ms', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createIndex('publish_attempts_post')
    .on('publish_attempts')
    .columns(['post_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('publish_attempts').execute();
  await db.schema.dropTable('post_events').execute();
  await db.schema.dropTable('post_targets').execute();
  await db.schema.dropTable('posts').execute();
}
