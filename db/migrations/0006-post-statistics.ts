import { sql, type Kysely } from 'kysely';

// Frozen: a post's brand decides its workspace. Without telling the planner so,
// it multiplies the two filters' selectivities, expects ~1/20 of a brand's posts,
// and sorts them all instead of walking `posts_brand_list` for the first page.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create statistics posts_brand_workspace (dependencies) on brand_id, workspace_id from posts`.execute(
    db,
  );
  await sql`analyze posts`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop statistics if exists posts_brand_workspace`.execute(db);
}
