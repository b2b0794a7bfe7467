import { DateTime } from 'luxon';
import Papa from 'papaparse';
import type { MediaItem, Platform } from '../../../db/types';
import { PLATFORMS } from '../../common/platforms';
import { postContentSchema, type PostContent } from '../../common/post-schemas';
import { formatLocalDateTime, resolveScheduleTime } from '../../common/schedule-time';

/**
 * The posts CSV: one post per row, times on the brand's wall clock.
 *
 *   date,time,caption,image_urls,targets,instagram_caption,alt_texts
 *   2025-06-01,09:30,"Summer is here ☀️",https://cdn.example.com/a.jpg,"facebook,instagram",,
 *
 * Image URLs and alt texts go one per line (alt texts in image order); an empty
 * date and time make a draft. What `formatPostsCsv` writes, `parsePostsCsv` reads
 * back to the same posts.
 */
export const CSV_COLUMNS = [
  'date',
  'time',
  'caption',
  'image_urls',
  'targets',
  'instagram_caption',
  'alt_texts',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

const REQUIRED: Column[] = ['date', 'time', 'caption', 'image_urls', 'targets'];
export const MAX_CSV_ROWS = 1_000;

/** A problem in the file; `row` is the row number a spreadsheet shows (the header is 1). */
export interface CsvProblem {
  row: number;
  column: string;
  message: string;
}

export interface CsvPost {
  row: number;
  content: PostContent;
  /** Null for a draft. */
  at: Date | null;
}

export interface ExportablePost {
  caption: string;
  captions: Partial<Record<Platform, string>>;
  media: MediaItem[];
  targets: Platform[];
  scheduledAt: Date | null;
}

/** Reads every row, collecting every problem rather than stopping at the first. */
export function parsePostsCsv(
  text: string,
  zone: string,
): { posts: CsvPost[]; problems: CsvProblem[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const problems: CsvProblem[] = parsed.errors.map((error) => ({
    row: (error.row ?? 0) + 1,
    column: '',
    message: `The file could not be read here: ${error.message}`,
  }));

  const [header = [], ...records] = parsed.data;
  const columns = header.map((name) => name.trim().toLowerCase());

  for (const name of REQUIRED.filter((column) => !columns.includes(column))) {
    problems.push({ row: 1, column: name, message: `Add a "${name}" column` });
  }
  columns.forEach((name) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
      problems.push({
        row: 1,
        column: name,
        message: `Unknown column: use only ${CSV_COLUMNS.join(', ')}`,
      });
    }
  });
  if (problems.length > 0) return { posts: [], problems };

  const filled = records
    .map((cells, index) => ({ cells, row: index + 2 }))
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));

  if (filled.length > MAX_CSV_ROWS) {
    problems.push({
      row: filled[MAX_CSV_ROWS]!.row,
      column: '',
      message: `Import at most ${MAX_CSV_ROWS} posts at a time: split the file`,
    });
    return { posts: [], problems };
  }

  const posts: CsvPost[] = [];
  for (const { cells, row } of filled) {
    const cell = (column: Column) => cells[columns.indexOf(column)] ?? '';
    const post = parseRow(cell, row, zone, problems);
    if (post) posts.push(post);
  }

  return { posts, problems };
}

function parseRow(
  cell: (column: Column) => string,
  row: number,
  zone: string,
  problems: CsvProblem[],
): CsvPost | null {
  const before = problems.length;
  const problem = (column: string, message: string) => problems.push({ row, column, message });

  const at = parseTime(cell('date').trim(), cell('time').trim(), zone, problem);

  const urls = cell('image_urls').split(/\s+/).filter(Boolean);
  const alts = cell('alt_texts') === '' ? [] : unescapeText(cell('alt_texts')).split(/\r?\n/);
  if (alts.length > urls.length) {
    problem('alt_texts', `There are ${alts.length} alt texts for ${urls.length} images`);
  }

  const targets = cell('targets')
    .toLowerCase()
    .split(/[\s,;]+/)
    .filter(Boolean);
  const unknown = targets.filter((target) => !(PLATFORMS as readonly string[]).includes(target));
  const badTargets = unknown.length > 0 || targets.length === 0;
  if (badTargets) problem('targets', 'List facebook, instagram or both, separated by commas');

  const content = postContentSchema.safeParse({
    caption: unescapeText(cell('caption')),
    captions: { instagram: unescapeText(cell('instagram_caption')) },
    media: urls.map((url, index) => ({ url, alt: alts[index] ?? '' })),
    targets: [...new Set(targets)],
  });

  if (!content.success) {
    for (const issue of content.error.issues) {
      if (issue.path[0] === 'targets' && badTargets) continue;
      problem(columnOf(String(issue.path[0] ?? ''), issue.path[2]), issue.message);
    }
  }

  if (problems.length > before || !content.success) return null;
  return { row, content: content.data, at };
}

function parseTime(
  date: string,
  time: string,
  zone: string,
  problem: (column: string, message: string) => void,
): Date | null {
  if (date === '' && time === '') return null;

  if (date === '' || time === '') {
    problem(date === '' ? 'date' : 'time', 'Fill in both date and time, or neither for a draft');
    return null;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    problem('date', 'Write the date as YYYY-MM-DD, e.g. 2025-06-01');
    return null;
  }
  if (!DateTime.fromISO(date).isValid) {
    problem('date', `${date} is not a real date`);
    return null;
  }
  if (!/^\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?([+-]\d{2}:\d{2}|Z)?$/i.test(time)) {
    problem('time', 'Write the time as HH:MM on a 24-hour clock, e.g. 09:30');
    return null;
  }

  const resolved = resolveScheduleTime(`${date}T${time}`, zone);
  if (!resolved.ok) {
    problem('time', resolved.problem);
    return null;
  }
  return resolved.instant;
}

/** The CSV column a post field (or a validation field key) is read from. */
export function columnOf(field: string, mediaPart?: PropertyKey): string {
  if (field.startsWith('captions')) return 'instagram_caption';
  if (field.startsWith('media')) {
    return mediaPart === 'alt' || field.endsWith('.alt') ? 'alt_texts' : 'image_urls';
  }
  if (field === 'at') return 'time';
  return field;
}

/** Writes posts in the import format; local times on the brand's wall clock. */
export function formatPostsCsv(posts: ExportablePost[], zone: string): string {
  const rows = posts.map((post) => {
    const local = post.scheduledAt ? formatLocalDateTime(post.scheduledAt, zone) : '';
    const [date = '', time = ''] = local ? local.split('T') : [];
    return [
      date,
      time,
      escapeText(post.caption),
      post.media.map((item) => item.url).join('\n'),
      post.targets.join(','),
      escapeText(post.captions.instagram ?? ''),
      post.media.some((item) => item.alt !== '')
        ? escapeText(post.media.map((item) => item.alt).join('\n'))
        : '',
    ];
  });

  return Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { newline: '\n' }) + '\n';
}

// A spreadsheet runs a cell starting with = + - @ as a formula. Such text is
// written with a leading apostrophe, which reading removes again; text that
// already starts with apostrophes before such a character gets one more, so
// every caption survives the round trip unchanged.
const FORMULA_START = /^'*[=+\-@\t\r]/;

function escapeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function unescapeText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}
