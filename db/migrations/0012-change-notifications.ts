import { sql, type Kysely } from 'kysely';

// Frozen. Each process caches memberships, sessions and what drafting reads
// of a brand; every change to one notifies `postpilot_changes` at commit with
// `m:<user_id>:<workspace_id>`, `s:<sid>` or `b:<brand_id>` (`*` for a
// truncate), and each process drops its copy
// (src/server/db/change-feed.ts). Triggers rather than application code, so
// changes made by scripts, cascades and psql are seen too.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function notify_membership_change() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        perform pg_notify('postpilot_changes', 'm:' || old.user_id || ':' || old.workspace_id);
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        perform pg_notify('postpilot_changes', 'm:' || new.user_id || ':' || new.workspace_id);
      end if;
      return null;
    end
    $$`.execute(db);

  // A new session needs no notice: nothing can have cached a row that did not exist.
  await sql`
    create function notify_session_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('postpilot_changes', 's:' || old.sid);
      return null;
    end
    $$`.execute(db);

  await sql`
    create function notify_brand_change() returns trigger language plpgsql as $$
    begin
      if tg_table_name = 'brands' then
        perform pg_notify('postpilot_changes', 'b:' || old.id);
      elsif tg_op = 'INSERT' then
        perform pg_notify('postpilot_changes', 'b:' || new.brand_id);
      else
        perform pg_notify('postpilot_changes', 'b:' || old.brand_id);
      end if;
      return null;
    end
    $$`.execute(db);

  await sql`
    create function notify_truncate() returns trigger language plpgsql as $$
    begin
      perform pg_notify('postpilot_changes', '*');
      return null;
    end
    $$`.execute(db);

  await sql`create trigger memberships_notify after insert or update or delete on memberships
    for each row execute function notify_membership_change()`.execute(db);
  await sql`create trigger sessions_notify after update or delete on sessions
    for each row execute function notify_session_change()`.execute(db);
  await sql`create trigger brands_notify after update or delete on brands
    for each row execute function notify_brand_change()`.execute(db);
  await sql`create trigger brand_brains_notify after insert or update or delete on brand_brains
    for each row execute function notify_brand_change()`.execute(db);
  await sql`create trigger memberships_notify_truncate after truncate on memberships
    for each statement execute function notify_truncate()`.execute(db);
  await sql`create trigger sessions_notify_truncate after truncate on sessions
    for each statement execute function notify_truncate()`.execute(db);
  await sql`create trigger brands_notify_truncate after truncate on brands
    for each statement execute function notify_truncate()`.execute(db);
  await sql`create trigger brand_brains_notify_truncate after truncate on brand_brains
    for each statement execute function notify_truncate()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['brands', 'brand_brains']) {
    await sql`drop trigger ${sql.raw(table)}_notify_truncate on ${sql.raw(table)}`.execute(db);
    await sql`drop trigger ${sql.raw(table)}_notify on ${sql.raw(table)}`.execute(db);
  }
  await sql`drop trigger sessions_notify_truncate on sessions`.execute(db);
  await sql`drop trigger memberships_notify_truncate on memberships`.execute(db);
  await sql`drop trigger sessions_notify on sessions`.execute(db);
  await sql`drop trigger memberships_notify on memberships`.execute(db);
  await sql`drop function notify_truncate()`.execute(db);
  await sql`drop function notify_brand_change()`.execute(db);
  await sql`drop function notify_session_change()`.execute(db);
  await sql`drop function notify_membership_change()`.execute(db);
}
