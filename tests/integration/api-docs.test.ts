import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../../src/server/routers';
import { docsPath, renderApiDocs } from '../../scripts/generate-api-docs';

describe('the API reference', () => {
  it('is current with the router (run npm run docs:api when this fails)', () => {
    const written = readFileSync(docsPath, 'utf8');
    const fresh = renderApiDocs();

    // A plain boolean first, so the failure message says what to do.
    const current = written === fresh;
    expect(current, 'docs/api.md is stale: run npm run docs:api and commit it').toBe(true);
  });

  it('documents every procedure once, with its kind and a curl example unless session-only', () => {
    const docs = renderApiDocs();
    const paths = Object.keys(appRouter._def.procedures);

    for (const name of paths) {
      const headings = docs.split('\n').filter((line) => line === `### \`${name}\``);
      expect(headings, name).toHaveLength(1);
    }
    expect(docs).toContain('### `brands.create`\n\n**mutation**');
    expect(docs).toContain('curl -X POST "$POSTPILOT_URL/trpc/brands.create"');
    expect(docs).toContain('curl -N -G "$POSTPILOT_URL/trpc/ai.draftStream"');
    expect(docs).toMatch(
      /### `tokens.create`\n\n\*\*mutation\*\* · Signed-in session only[^\n]*\n\n\|/,
    );
    expect(docs).not.toContain('/trpc/tokens.create');
  });

  it('renders the same text twice (deterministic)', () => {
    expect(renderApiDocs()).toBe(renderApiDocs());
  });

  it('shows a date input in superjson wire format in the curl example', () => {
    const docs = renderApiDocs();
    const section = docs.slice(docs.indexOf('### `ai.usage`'));
    expect(section).toContain('"meta":{"values":{"from":["Date"],"to":["Date"]}');
  });
});
