import type { Db } from '../db/database';
import { AppError, type FieldErrors } from '../errors/app-error';
import type { Actor } from './edit-post';
import { recordPostEvents } from './post-events';
import { loadBrandTimezone } from './export-posts';
import { columnOf, parsePostsCsv, type CsvPost, type CsvProblem } from './post-csv';
import { publishProblems } from './publish-problems';
import { loadConnection } from './schedule-post';

export interface ImportResult {
  dryRun: boolean;
  /** Posts written (or that would be, on a dry run). */
  scheduled: number;
  drafts: number;
  problems: CsvProblem[];
  postIds: string[];
}

/**
 * Imports a posts CSV into a brand, all or nothing. The whole file is checked
 * first (shape, times on the brand's wall clock, and for dated rows everything
 * scheduling checks); any problem means nothing is written. A dry run only checks.
 */
export async function importPostsCsv(
  db: Db,
  actor: Actor,
  brandId: string,
  input: { csv: string; dryRun: boolean },
): Promise<ImportResult> {
  const timezone = await loadBrandTimezone(db, actor.workspaceId, brandId);
  const { posts, problems } = parsePostsCsv(input.csv, timezone);

  const connection = await loadConnection(db, brandId);
  const now = new Date();
  for (const post of posts.filter((p) => p.at !== null)) {
    const fields = publishProblems({ ...post.content, connection, at: post.at!, now });
    for (const [field, messages] of Object.entries(fields)) {
      for (const message of messages)
        problems.push({ row: post.row, column: columnOf(field), message });
    }
  }

  problems.sort((a, b) => a.row - b.row);
  const counts = {
    scheduled: posts.filter((post) => post.at !== null).length,
    drafts: posts.filter((post) => post.at === null).length,
  };

  if (input.dryRun) return { dryRun: true, ...counts, problems, postIds: [] };

  if (problems.length > 0) {
    throw new AppError(
      'BAD_INPUT',
      `The file has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported. Fix them and import again.`,
      { fieldErrors: problemFields(problems), details: { problems } },
    );
  }

  const postIds = await db.transaction().execute((trx) => insertPosts(trx, actor, brandId, posts));
  return { dryRun: false, ...counts, problems: [], postIds };
}

async function insertPosts(db: Db, actor: Actor, brandId: string, posts: CsvPost[]) {
  if (posts.length === 0) return [];

  const rows = await db
    .insertInto('posts')
    .values(
      posts.map((post) => ({
        workspace_id: actor.workspaceId,
        brand_id: brandId,
        author_id: actor.userId,
        caption: post.content.caption,
        captions: JSON.stringify(post.content.captions),
        media: JSON.stringify(post.content.media),
        targets: post.content.targets,
        status: post.at ? ('scheduled' as const) : ('draft' as const),
        scheduled_at: post.at,
      })),
    )
    .returning(['id', 'targets'])
    .execute();

  await db
    .insertInto('post_targets')
    .values(
      rows.flatMap((row) =>
        row.targets.map((platform) => ({
          post_id: row.id,
          platform,
          workspace_id: actor.workspaceId,
          status: 'pending' as const,
        })),
      ),
    )
    .execute();

  await recordPostEvents(
    db,
    rows.map((row, index) => ({
      postId: row.id,
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      kind: 'imported' as const,
      detail: { row: posts[index]!.row, at: posts[index]!.at?.toISOString() ?? null },
    })),
  );

  return rows.map((row) => row.id);
}

/** `rows[3].time`-style keys, for clients that show field errors generically. */
function problemFields(problems: CsvProblem[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const problem of problems) {
    const key = problem.column ? `rows[${problem.row}].${problem.column}` : `rows[${problem.row}]`;
    (fields[key] ??= []).push(problem.message);
  }
  return fields;
}
