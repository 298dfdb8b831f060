/** End-to-end harness: serves the production build and drives Debian's Chromium with Playwright. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
// @ts-expect-error plain JS module shared with the web-test-runner config
import { BASE_ARGS, CHROME_PATH, assertChromium, fakeCameraArgs } from '../chromium.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves a dist folder with scripts/serve.mjs on a free port. */
export async function serve(dist = join(ROOT, 'dist')): Promise<Served> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'scripts/serve.mjs')], {
    env: { ...process.env, DIST: dist, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((res, rej) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('served') && res());
    child.on('exit', (c) => rej(new Error(`server exited ${c}`)));
  });
  return {
    url: `http://localhost:${port}/`,
    close: async () => {
      child.kill();
      await once(child, 'exit');
    },
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A persistent context, so service workers and caches live across reloads like on a phone. */
export async function launch(options: { camera?: string | false } = {}): Promise<Browser> {
  assertChromium();
  const dir = mkdtempSync(join(tmpdir(), 'digit-lens-e2e-'));
  const camera = options.camera === false ? [] : fakeCameraArgs(options.camera);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROME_PATH,
    headless: true,
    args: [...BASE_ARGS, ...camera],
    viewport: { width: 390, height: 844 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Text of a data-testid element, searching through open shadow roots. */
// A string, not a function: tsx's esbuild would wrap inner functions in a __name helper that
// does not exist inside the page.
const FIND_BY_TEST_ID = `(id) => {
  const find = (root) => {
    const d = root.querySelector('[data-testid="' + id + '"]');
    if (d) return d;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) { const f = find(el.shadowRoot); if (f) return f; }
    }
    return null;
  };
  return find(document)?.textContent?.trim() ?? null;
}`;

export async function testIdText(page: Page, id: string): Promise<string | null> {
  return page.evaluate(`(${FIND_BY_TEST_ID})(${JSON.stringify(id)})`) as Promise<string | null>;
}

export async function waitForTestId(
  page: Page,
  id: string,
  want: (t: string | null) => boolean,
  timeoutMs = 30_000,
): Promise<string | null> {
  const end = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < end) {
    last = await testIdText(page, id);
    if (want(last)) return last;
    await page.waitForTimeout(100);
  }
  const context = await Promise.all(['model-error', 'notice', 'camera-state', 'backend'].map((t) => testIdText(page, t)));
  throw new Error(
    `timed out waiting for ${id} (last: ${JSON.stringify(last)}; model-error, notice, camera, backend: ${JSON.stringify(context)})`,
  );
}

/**
 * Serves the production build and opens a browser for the enclosing describe(): registers
 * before/after hooks and returns an object whose fields are filled once the hooks ran.
 */
export function servedApp(): { server: Served; browser: Browser } {
  const ctx = {} as { server: Served; browser: Browser };
  before(async () => {
    ctx.server = await serve();
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}
