/**
 * Writes `docs/api.md`, the API reference, from the router itself: every
 * procedure's kind (query, mutation, subscription), its zod input as a table,
 * who may call it, and curl examples of the plain HTTP wire format.
 *
 *   npm run docs:api
 *
 * The output depends only on the code (procedures sorted by path, examples
 * built from the schemas), so a test can regenerate it and compare.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import superjson from 'superjson';
import { z } from 'zod';
import { appRouter } from '../src/server/routers';
import { authedProcedure, sessionProcedure } from '../src/server/trpc/trpc';

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  additionalProperties?: unknown;
};

interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription';
  inputs: z.ZodType[];
  middlewares: unknown[];
}

export const docsPath = path.join(path.dirname(fileURLToPath(import.meta.url)), '../docs/api.md');

const lastMiddleware = (builder: unknown) =>
  (builder as { _def: { middlewares: unknown[] } })._def.middlewares.at(-1);
const sessionOnly = lastMiddleware(sessionProcedure);
const signedIn = lastMiddleware(authedProcedure);

/** Fields whose workspace the access check resolves, in the order the checks use them. */
const scopedBy = ['workspaceId', 'brandId', 'postId', 'webhookId', 'deliveryId', 'tokenId'];

/** Renders the whole reference. Pure: same router, same text. */
export function renderApiDocs(): string {
  const procedures = (appRouter as unknown as { _def: { procedures: Record<string, unknown> } })
    ._def.procedures;
  const paths = Object.keys(procedures).sort();

  const sections = paths.map((name) => {
    const def = (procedures[name] as { _def: ProcedureDef })._def;
    return renderProcedure(name, def);
  });

  const index = groupByRouter(paths)
    .map(
      ([group, names]) =>
        `- **${group}**: ${names.map((n) => `[\`${n}\`](#${anchor(n)})`).join(', ')}`,
    )
    .join('\n');

  return [preamble, '## Procedures', index, ...sections].join('\n\n') + '\n';
}

function renderProcedure(name: string, def: ProcedureDef): string {
  const schema = inputSchema(def.inputs);
  const fields = Object.keys(schema.properties ?? {});
  const example = exampleValue(schema);

  const lines = [`### \`${name}\``, '', `**${def.type}** · ${accessNote(def, fields)}`, ''];

  if (fields.length === 0) lines.push('No input.', '');
  else lines.push(renderTable(schema), '');

  const access = def.middlewares.includes(sessionOnly)
    ? 'session'
    : def.middlewares.includes(signedIn)
      ? 'token'
      : 'public';
  if (access !== 'session') {
    const input = fields.length > 0 ? example : undefined;
    lines.push('```sh', curlExample(name, def.type, input, access === 'token'), '```');
  }
  return lines.join('\n').trimEnd();
}

function accessNote(def: ProcedureDef, fields: string[]): string {
  const scope = scopedBy.find((field) => fields.includes(field));
  const where = scope
    ? ` Your role is checked in the workspace of \`${scope}\`; other workspaces answer NOT_FOUND.`
    : '';

  if (def.middlewares.includes(sessionOnly)) {
    return `Signed-in session only (the web app): API tokens get FORBIDDEN.${where}`;
  }
  if (def.middlewares.includes(signedIn)) return `Session or API token.${where}`;
  return 'Public: no authentication.';
}

/** One JSON schema for the procedure's input: chained `.input()` objects are merged. */
function inputSchema(inputs: z.ZodType[]): JsonSchema {
  const merged: JsonSchema = { type: 'object', properties: {}, required: [] };

  for (const input of inputs) {
    const schema = toJsonSchema(input);
    Object.assign(merged.properties!, schema.properties ?? {});
    merged.required!.push(...(schema.required ?? []));
  }

  return merged;
}

function toJsonSchema(input: z.ZodType): JsonSchema {
  return z.toJSONSchema(input, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const type = (ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def.type;
      if (type === 'date') Object.assign(ctx.jsonSchema, { type: 'string', format: 'date' });
    },
  }) as JsonSchema;
}

function renderTable(schema: JsonSchema): string {
  const rows = ['| field | type | required | notes |', '| --- | --- | --- | --- |'];
  for (const row of flatten(schema, '')) {
    rows.push(`| \`${row.path}\` | ${row.type} | ${row.required ? 'yes' : 'no'} | ${row.notes} |`);
  }
  return rows.join('\n');
}

interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  notes: string;
}

function flatten(schema: JsonSchema, prefix: string): FieldRow[] {
  const rows: FieldRow[] = [];
  const required = new Set(schema.required ?? []);

  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const fieldPath = `${prefix}${key}`;
    rows.push({
      path: fieldPath,
      type: describeType(child),
      required: required.has(key),
      notes: describeRules(child),
    });

    const object = unwrap(child);
    if (object.properties) rows.push(...flatten(object, `${fieldPath}.`));
    if (object.items?.properties) rows.push(...flatten(object.items, `${fieldPath}[].`));
  }

  return rows;
}

/** The non-null branch of an optional/nullable union. */
function unwrap(schema: JsonSchema): JsonSchema {
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches) return schema;
  return branches.find((branch) => branch.type !== 'null') ?? schema;
}

function describeType(schema: JsonSchema): string {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return branches.map(describeType).join(' or ');
  if (schema.enum) return schema.enum.map((value) => `\`${JSON.stringify(value)}\``).join(', ');
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.format === 'date') return 'date (superjson Date)';
  if (schema.type === 'array')
    return `array of ${schema.items ? describeType(schema.items) : 'any'}`;

  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'any');
  return schema.format ? `${type} (${schema.format})` : type;
}

function describeRules(schema: JsonSchema): string {
  const target = unwrap(schema);
  const rules: string[] = [];
  if (schema.description) rules.push(schema.description);
  if (target.minLength !== undefined) rules.push(`at least ${characters(target.minLength)}`);
  if (target.maxLength !== undefined) rules.push(`at most ${characters(target.maxLength)}`);
  if (target.minimum !== undefined) rules.push(`≥ ${target.minimum}`);
  if (target.maximum !== undefined) rules.push(`≤ ${target.maximum}`);
  if (target.minItems !== undefined) rules.push(`at least ${target.minItems} items`);
  if (target.maxItems !== undefined) rules.push(`at most ${target.maxItems} items`);
  if (schema.default !== undefined) rules.push(`default \`${JSON.stringify(schema.default)}\``);
  return rules.join('; ').replaceAll('|', '\\|');
}

/** A plausible value for a schema: required fields only, dates as real Dates. */
const characters = (n: number) => `${n} character${n === 1 ? '' : 's'}`;

function exampleValue(schema: JsonSchema, key = ''): unknown {
  if (schema.default !== undefined) return schema.default;
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return exampleValue(unwrap(schema), key);
  if (schema.enum) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.format === 'date') {
    return new Date(key === 'to' ? '2030-01-14T09:00:00.000Z' : '2030-01-07T09:00:00.000Z');
  }

  switch (schema.type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const field of schema.required ?? []) {
        value[field] = exampleValue(schema.properties![field]!, field);
      }
      return value;
    }
    case 'array':
      return schema.items && (schema.minItems ?? 0) > 0 ? [exampleValue(schema.items, key)] : [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      return exampleString(schema, key);
    default:
      return null;
  }
}

function exampleString(schema: JsonSchema, key: string): string {
  if (schema.format === 'uuid') return '3f2a1c4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
  if (schema.format === 'email' || /email/i.test(key)) return 'ana@example.com';
  if (schema.format === 'uri' || /url$/i.test(key)) return 'https://example.com/hooks/postpilot';
  if (/^(at|time)$/i.test(key)) return '2030-01-07T09:00';
  const text = `example ${key || 'text'}`;
  return text.padEnd(schema.minLength ?? 0, '.');
}

function curlExample(
  name: string,
  type: ProcedureDef['type'],
  input: unknown,
  withToken: boolean,
): string {
  const url = `"$POSTPILOT_URL/trpc/${name}"`;
  const wire = input === undefined ? undefined : JSON.stringify(superjson.serialize(input));
  const options: string[] = [];

  if (withToken) options.push('-H "Authorization: Bearer $POSTPILOT_TOKEN"');
  if (type === 'mutation') {
    options.push('-H "Content-Type: application/json"', `-d '${wire ?? '{}'}'`);
    return [`curl -X POST ${url}`, ...options].join(' \\\n  ');
  }

  if (type === 'subscription') options.push('-H "Accept: text/event-stream"');
  if (wire !== undefined) options.push(`--data-urlencode 'input=${wire}'`);
  const command = `curl${type === 'subscription' ? ' -N' : ''}${wire === undefined ? '' : ' -G'}`;
  return [`${command} ${url}`, ...options].join(' \\\n  ');
}

function groupByRouter(paths: string[]): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const name of paths) {
    const group = name.split('.')[0]!;
    groups.set(group, [...(groups.get(group) ?? []), name]);
  }
  return [...groups];
}

const anchor = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '');

const preamble = `# Postpilot API reference

Generated from the router by \`npm run docs:api\`; do not edit by hand.

Every procedure of the web app is also an HTTP endpoint. TypeScript users get
the typed client: \`createPostpilotClient({ url, token })\` from
\`src/sdk/postpilot-client.ts\` (autocompletion and type errors for every
procedure below). Everyone else can use plain HTTP as shown here.

## Calling the API

- **Authentication.** Create an API token under Settings → API tokens and send
  it as \`Authorization: Bearer pp_…\`. A token belongs to one workspace and has
  a role (viewer, editor or owner) that never exceeds its creator's current
  role. Revoked or expired tokens answer 401 UNAUTHORIZED. No cookie and no
  CSRF header are needed with a token.
- **Queries** are \`GET /trpc/<procedure>?input=<url-encoded JSON>\`;
  **mutations** are \`POST /trpc/<procedure>\` with a JSON body.
- **Wire format.** Input and output are wrapped by superjson: the input is
  \`{"json": <input>}\`, and values JSON cannot carry are listed in \`meta\`, e.g.
  a date: \`{"json":{"expiresAt":"2030-01-07T09:00:00.000Z"},"meta":{"values":{"expiresAt":["Date"]}}}\`.
  A result arrives as \`{"result":{"data":{"json": <output>}}}\`.
- **Errors** arrive as \`{"error":{"json":{"message","code","data":{"code","httpStatus","fieldErrors"?,"retryAfterSeconds"?}}}}\`
  with the HTTP status of \`data.code\` (400 BAD_REQUEST with \`fieldErrors\`, 401,
  403 FORBIDDEN, 404 NOT_FOUND, 409 CONFLICT, 429 TOO_MANY_REQUESTS, …). The
  message says what to do.
- **Rate limit.** Each token may make 600 requests a minute (per server
  process). Beyond that: 429 with a \`Retry-After\` header in seconds.
- **Subscriptions** stream server-sent events: \`GET\` with
  \`Accept: text/event-stream\` and the input as for a query. Each \`data:\` line
  holds one superjson-wrapped value; the stream ends with \`event: return\`, and
  an error comes as \`event: serialized-error\` with the error as its data.

## Webhooks

Owners add endpoints with \`webhooks.create\`; the signing secret is shown once.
Events: \`post.published\`, \`post.failed\`, \`post.needs_review\`,
\`connection.needs_reconnect\`. Each delivery is a JSON \`POST\` of
\`{"id","event","createdAt","data"}\` with the headers \`Postpilot-Event\`,
\`Postpilot-Delivery\` (the delivery id: the same on every retry, so drop repeats)
and \`Postpilot-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>\`.
Recompute the HMAC over the raw body, compare in constant time, and refuse
timestamps older than a few minutes. Answer 2xx within 10 seconds; anything else
is retried with exponential backoff, and \`webhooks.deliveries\` shows each
delivery's last answer.`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(docsPath, renderApiDocs());
  process.stdout.write(`wrote ${path.relative(process.cwd(), docsPath)}\n`);
}
