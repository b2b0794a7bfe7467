import type { Router } from 'express';
import express from 'express';
import { sql } from 'kysely';
import { pendingMigrations } from '../db/migrate';
import type { Services } from '../services';

/** Extra readiness facts (the publish worker adds its own). */
export type ReadinessProbe = () => Promise<{ ok: boolean; [key: string]: unknown }>;

/**
 * `/healthz`: the process answers. `/readyz`: the database answers and its
 * schema is current, plus whatever probes were added; 503 with reasons if not.
 */
export function healthRoutes(services: Services, probes: Record<string, ReadinessProbe>): Router {
  const routes = express.Router();

  routes.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  routes.get('/readyz', async (_req, res) => {
    const checks: Record<string, unknown> = {};
    let ok = true;

    try {
      await sql`select 1`.execute(services.db);
      const pending = await pendingMigrations(services.db);
      checks.database =
        pending.length === 0 ? { ok: true } : { ok: false, reason: 'migrations pending', pending };
      ok &&= pending.length === 0;
    } catch (error) {
      checks.database = { ok: false, reason: `database unreachable: ${(error as Error).message}` };
      ok = false;
    }

    for (const [name, probe] of Object.entries(probes)) {
      const result = await probe().catch((error: Error) => ({ ok: false, reason: error.message }));
      checks[name] = result;
      ok &&= result.ok;
    }

    res.status(ok ? 200 : 503).json({ ok, checks });
  });

  return routes;
}
