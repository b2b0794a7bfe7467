import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { cleanUp, tempDir } from '../support/clean-up';
import { createTestDatabase } from '../support/database';
import { projectRoot, startTestServer } from '../support/server';
import type { RunningServer } from '../../src/server/start';

export const screenshotDir = path.join(projectRoot, 'tests/.artifacts/screenshots');

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1366, height: 860 };
export const MOBILE = { width: 390, height: 844 };

/** Builds the client into a private folder, so test files never race over `dist/client`. */
async function buildClient(): Promise<string> {
  const outDir = tempDir('postpilot-client-');
  await build({
    root: projectRoot,
    configFile: path.join(projectRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, minify: false, reportCompressedSize: false },
  });
  return outDir;
}

export interface E2eApp {
  url: string;
  browser: Browser;
  /** The server's services, e.g. the sandbox Graph emulator to inject faults into. */
  services: RunningServer['services'];
  /** A fresh browser profile (own cookies) at the given viewport. */
  newContext(viewport?: { width: number; height: number }): Promise<BrowserContext>;
}

/**
 * The whole product for a browser test: its own database, the built client,
 * the real server, and Chromium. Everything is stopped after the file.
 */
export async function startE2eApp(env: Record<string, string> = {}): Promise<E2eApp> {
  const [clientDir, database] = await Promise.all([buildClient(), createTestDatabase()]);
  const server = await startTestServer(database.url, env, { clientDir });

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: chromiumArgs,
  });
  cleanUp(() => browser.close());

  mkdirSync(screenshotDir, { recursive: true });

  return {
    url: server.url,
    browser,
    services: server.services,
    newContext: async (viewport = DESKTOP) => {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport,
        reducedMotion: 'reduce',
      });
      context.setDefaultTimeout(15_000);
      context.on('weberror', (error) => console.error('browser error:', error.error()));
      context.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
          console.error('browser console:', message.text());
      });
      return context;
    },
  };
}

/** Saves what the viewport shows as `tests/.artifacts/screenshots/<name>.png`. */
export async function snap(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

let counter = 0;

/** A unique email for a person created through the UI. */
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}@example.com`;
}

export const PASSWORD = 'correct horse battery';

/** Signs a new person up through the form; resolves on the workspace home. */
export async function signUpThroughUi(page: Page, name: string, email = uniqueEmail('e2e')) {
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Get going' }).waitFor();
  return email;
}
