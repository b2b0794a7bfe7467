import { sql, type Kysely } from 'kysely';

// Frozen: `posts.attempt` keeps counting claims (it fences the worker's writes),
// so the attempts a post may still spend are counted from `attempt_base`, which
// moves up each time a person schedules, publishes or retries the post.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('posts')
    .addColumn('attempt_base', 'integer', (col) => col.notNull().defaultTo(sql`0`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('posts').dropColumn('attempt_base').execute();
}
