import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { tempDir } from '../support/clean-up';
import { projectRoot, startTestServer } from '../support/server';

const database = await createTestDatabase();
const server = await startTestServer(database.url);
const workDir = tempDir('postpilot-seed-');
const examples = JSON.parse(
  readFileSync(path.join(projectRoot, 'scripts/examples/brands.json'), 'utf8'),
) as { brands: Record<string, unknown>[] };

interface SeedRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the seeding script as its own process, as an operator would. */
function runSeed(args: string[]): Promise<SeedRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/seed-brands.ts', ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function writeSeedFile(name: string, content: string): string {
  const file = path.join(workDir, name);
  writeFileSync(file, content);
  return file;
}

async function snapshot(workspaceId: string) {
  const brands = await database.db
    .selectFrom('brands')
    .select(['id', 'slug', 'name', 'timezone', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('slug')
    .execute();
  const versions = await database.db
    .selectFrom('brand_brains')
    .select(['brand_id', 'version'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('brand_id')
    .orderBy('version')
    .execute();
  return { brands, versions };
}

const outcomes = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => /^(created|updated|unchanged) /.test(line))
    .map((line) => line.split(/\s+/).slice(0, 2).join(' '));

describe('seeding brands from a file', { timeout: 60_000 }, () => {
  it('creates the example brands, and a second run changes nothing', async () => {
    const owner = await signUpUser(server.url, 'Seeder');
    const file = path.join(projectRoot, 'scripts/examples/brands.json');
    const args = [file, '--workspace', owner.workspaceId, '--owner', owner.email];

    const first = await runSeed(args);
    const afterFirst = await snapshot(owner.workspaceId);
    const second = await runSeed(args);
    const afterSecond = await snapshot(owner.workspaceId);

    expect(first.code, first.stderr).toBe(0);
    expect(outcomes(first.stdout)).toEqual([
      'created morzsa-pekseg',
      'created harbour-pine-bike-cafe',
      'created lumen-yoga-studio',
    ]);
    expect(first.stdout).toContain('3 brands: 3 created, 0 updated, 0 unchanged.');

    expect(second.code).toBe(0);
    expect(outcomes(second.stdout).every((line) => line.startsWith('unchanged'))).toBe(true);
    expect(second.stdout).toContain('3 brands: 0 created, 0 updated, 3 unchanged.');
    expect(afterSecond).toEqual(afterFirst);
    expect(afterFirst.versions).toHaveLength(3);

    const brain = await owner.api.brain.get.query({ brandId: afterFirst.brands[1]!.id });
    expect(brain.authorName).toBe('Seeder');
  });

  it('adds a brain version only for the brand whose brain changed, and updates changed settings', async () => {
    const owner = await signUpUser(server.url);
    const [bakery, bikes, yoga] = examples.brands.map((brand) => structuredClone(brand)) as [
      Record<string, any>,
      Record<string, any>,
      Record<string, any>,
    ];
    const file = writeSeedFile('three.json', JSON.stringify({ brands: [bakery, bikes, yoga] }));
    await runSeed([file, '--workspace', owner.workspaceId]);

    bakery.brain.voice.humour = 1;
    bikes.timezone = 'Europe/Dublin';
    writeSeedFile('three.json', JSON.stringify({ brands: [bakery, bikes, yoga] }));
    const run = await runSeed([file, '--workspace', owner.workspaceId]);

    expect(run.code, run.stderr).toBe(0);
    expect(outcomes(run.stdout)).toEqual([
      'updated morzsa-pekseg',
      'updated harbour-pine-bike-cafe',
      'unchanged lumen-yoga-studio',
    ]);
    expect(run.stdout).toMatch(/morzsa-pekseg .*brain v2\) — brain/);
    expect(run.stdout).toMatch(/harbour-pine-bike-cafe .*brain v1\) — timezone/);
    const { versions } = await snapshot(owner.workspaceId);
    expect(versions).toHaveLength(4);
  });

  it('writes nothing for a file with errors and reports every problem with its path', async () => {
    const owner = await signUpUser(server.url);
    const good = examples.brands[0]!;
    const file = writeSeedFile(
      'broken.json',
      JSON.stringify({
        brands: [
          good,
          { name: 'Jó Pék', timezone: 'Mars/Base', language: 'hu' },
          {
            name: 'Hangos',
            timezone: 'UTC',
            language: 'english',
            brain: { voice: { formality: 9 }, vocabulary: { banned: ['Olcsó', 'OLCSÓ'] } },
          },
          { name: 'Morzsa Pékség', timezone: 'UTC', language: 'hu', colour: 'red' },
        ],
      }),
    );

    const run = await runSeed([file, '--workspace', owner.workspaceId]);

    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('nothing was written');
    for (const problem of [
      'brands[1].timezone: must be an IANA timezone',
      'brands[2].language: must be a BCP 47 language tag',
      'brands[2].brain.voice.formality: must be 1–5',
      'brands[2].brain.vocabulary.banned[1]: duplicates "Olcsó"',
      'brands[3]: Unrecognized key: "colour"',
      'brands[3].slug: "morzsa-pekseg" is also the slug of brands[0]',
    ]) {
      expect(run.stderr).toContain(problem);
    }
    expect((await snapshot(owner.workspaceId)).brands).toEqual([]);
  });

  it('reports what a dry run would do and writes nothing', async () => {
    const owner = await signUpUser(server.url);
    const file = path.join(projectRoot, 'scripts/examples/brands.json');

    const run = await runSeed([file, '--workspace', owner.workspaceId, '--dry-run']);

    expect(run.code, run.stderr).toBe(0);
    expect(outcomes(run.stdout)).toHaveLength(3);
    expect(run.stdout).toContain('Dry run: nothing was written.');
    expect(await snapshot(owner.workspaceId)).toEqual({ brands: [], versions: [] });
  });

  it('reads YAML the same way as JSON', async () => {
    const owner = await signUpUser(server.url);
    const file = writeSeedFile('brands.yaml', stringify({ brands: examples.brands.slice(0, 1) }));

    const run = await runSeed([file, '--workspace', owner.workspaceId]);

    expect(run.code, run.stderr).toBe(0);
    expect(outcomes(run.stdout)).toEqual(['created morzsa-pekseg']);
    const brands = await owner.api.brands.list.query({ workspaceId: owner.workspaceId });
    expect(brands[0]).toMatchObject({ timezone: 'Europe/Budapest', language: 'hu' });
  });

  it('refuses an unknown owner or workspace and writes nothing', async () => {
    const owner = await signUpUser(server.url);
    const file = path.join(projectRoot, 'scripts/examples/brands.json');

    const unknownOwner = await runSeed([
      file,
      '--workspace',
      owner.workspaceId,
      '--owner',
      'nobody@example.com',
    ]);
    const unknownWorkspace = await runSeed([file, '--workspace', 'No Such Agency']);

    expect(unknownOwner.code).toBe(1);
    expect(unknownOwner.stderr).toContain('No account uses nobody@example.com');
    expect(unknownWorkspace.code).toBe(1);
    expect(unknownWorkspace.stderr).toContain(
      'No workspace found for --workspace "No Such Agency"',
    );
    expect((await snapshot(owner.workspaceId)).brands).toEqual([]);
  });

  it('refuses an owner who is not an owner or editor of the named workspace', async () => {
    const owner = await signUpUser(server.url);
    const outsider = await signUpUser(server.url);
    const file = path.join(projectRoot, 'scripts/examples/brands.json');

    const run = await runSeed([file, '--workspace', owner.workspaceId, '--owner', outsider.email]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `No workspace found for --workspace "${owner.workspaceId}" with --owner ${outsider.email} (as owner or editor)`,
    );
    expect((await snapshot(owner.workspaceId)).brands).toEqual([]);
  });
});
