/** End-to-end harness: serves the production build and drives Debian's Chromium with Playwright. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, afterEach, before, beforeEach } from 'node:test';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
// @ts-expect-error plain JS module shared with the web-test-runner config
import { BASE_ARGS, CHROME_PATH, assertChromium, browserEnv, fakeCameraArgs } from '../chromium.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

/** One response the server sent (with REQUEST_LOG=1): what crossed the network. */
export interface ServedRequest {
  method: string;
  url: string;
  status: number;
  bytes: number;
}

export interface Served {
  url: string;
  /** Every response so far, in order; filled only when served with REQUEST_LOG=1. */
  requests: ServedRequest[];
  close(): Promise<void>;
}

/**
 * Serves a dist folder with scripts/serve.mjs on a free port. `env` adds the server's test aids
 * (REQUEST_LOG=1, THROTTLE_BPS=n: see scripts/serve.mjs).
 */
export async function serve(dist = join(ROOT, 'dist'), env: Record<string, string> = {}): Promise<Served> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'scripts/serve.mjs')], {
    env: { ...process.env, ...env, DIST: dist, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const requests: ServedRequest[] = [];
  let pending = '';
  child.stdout!.on('data', (d: Buffer) => {
    const lines = (pending + d.toString()).split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line.startsWith('request-log ')) requests.push(JSON.parse(line.slice(12)) as ServedRequest);
  });
  await new Promise<void>((res, rej) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('served') && res());
    child.on('exit', (c) => rej(new Error(`server exited ${c}`)));
  });
  return {
    url: `http://localhost:${port}/`,
    requests,
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
    env: browserEnv(),
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

/** A data-testid element, searching through open shadow roots (null when there is none). */
// A string, not a function: tsx's esbuild would wrap inner functions in a __name helper that
// does not exist inside the page.
export const FIND_BY_TEST_ID = `(id) => {
  const find = (root) => {
    const d = root.querySelector('[data-testid="' + id + '"]');
    if (d) return d;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) { const f = find(el.shadowRoot); if (f) return f; }
    }
    return null;
  };
  return find(document);
}`;

/** Text of a data-testid element, searching through open shadow roots. */
export async function testIdText(page: Page, id: string): Promise<string | null> {
  return page.evaluate(`(${FIND_BY_TEST_ID})(${JSON.stringify(id)})?.textContent?.trim() ?? null`) as Promise<string | null>;
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
 * Serves the production build for the enclosing describe(), and opens a fresh browser profile for
 * each of its tests: no test sees another test's service worker, caches, IndexedDB or settings, so
 * each one creates what it needs and the tests pass alone, in any order. Registers the hooks and
 * returns an object whose fields are filled once they ran (`browser` is the current test's).
 * `env` is passed to the server (its test aids: REQUEST_LOG, THROTTLE_BPS).
 */
export function servedApp(env: Record<string, string> = {}): { server: Served; browser: Browser } {
  const ctx = {} as { server: Served; browser: Browser };
  let open: Browser | undefined;
  before(async () => {
    ctx.server = await serve(undefined, env);
  });
  beforeEach(async () => {
    open = ctx.browser = await launch();
  });
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });
  after(async () => {
    await ctx.server?.close();
  });
  return ctx;
}

/**
 * Reads a value until it is what the test needs (expect.poll-style) and returns it; fails with
 * the last value read once timeoutMs has passed. Waits on state, never on a fixed time.
 */
export async function poll<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs = 10_000,
  intervalMs = 100,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() >= end)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

interface App {
  history(): Promise<{ count(): Promise<number> }>;
  detector: { status(): Promise<{ numTensors: number; detections: number }> };
}

/** How many captures the app's IndexedDB history holds. */
export function historyCount(page: Page): Promise<number> {
  return page.evaluate(async () => (await (document.querySelector('digit-lens-app') as unknown as App).history()).count());
}

/** The detection worker's own counters (frames detected so far, live tensors). */
export function detectorStatus(page: Page): Promise<{ numTensors: number; detections: number }> {
  return page.evaluate(() => (document.querySelector('digit-lens-app') as unknown as App).detector.status());
}

/** Waits until the detection worker has run `frames` more detections than when called. */
export async function waitForDetections(page: Page, frames: number, timeoutMs = 30_000): Promise<number> {
  const start = (await detectorStatus(page)).detections;
  const s = await poll(
    () => detectorStatus(page),
    (st) => st.detections >= start + frames,
    `${frames} more detections than ${start}`,
    timeoutMs,
  );
  return s.detections - start;
}

/** What a tap dismisses each notice with: the notice itself, or its OK or Later button. */
const DISMISS: Record<string, string> = {
  notice: '',
  'offline-ready': `?.querySelector('button')`,
  'update-prompt': `?.querySelector('button.plain')`,
};

/**
 * Dismisses the app's notice and toasts ("Ready to work offline"; a new version: Later), where
 * shown, as a tap on them does, and waits until they are gone. The tap is made in the page at
 * once, not with a locator's click: a toast may leave by itself, or move as the reading above it
 * changes, while such a click waits for it to hold still, and then waits for an element that is
 * no longer there.
 */
export async function dismissNotices(page: Page, ids = Object.keys(DISMISS)): Promise<void> {
  const script = ids.map((id) => `(${FIND_BY_TEST_ID})(${JSON.stringify(id)})${DISMISS[id]}?.click();`).join('\n');
  await poll(
    async () => {
      await page.evaluate(script); // again if another came meanwhile
      return Promise.all(ids.map((id) => testIdText(page, id)));
    },
    (texts) => texts.every((t) => t === null),
    `${ids.join(', ')} dismissed`,
    5_000,
  );
}

/**
 * Records, in the page, the text of every notice shown from now on: news leaves by itself after a
 * few seconds, so a test that only looked now and then could miss it on a busy machine.
 */
const RECORD_NOTICES = (current: boolean) => `(() => {
  const find = ${FIND_BY_TEST_ID};
  const seen = [];
  const now = ${current} && find('notice')?.textContent?.trim();
  if (now) seen.push(now);
  window.noticeRecorder?.disconnect();
  window.noticeRecorder = new MutationObserver(() => {
    const t = find('notice')?.textContent?.trim();
    if (t && seen[seen.length - 1] !== t) seen.push(t);
  });
  window.noticeRecorder.observe(document.querySelector('digit-lens-app').shadowRoot, {
    subtree: true,
    childList: true,
    characterData: true,
  });
  window.noticesSeen = seen;
})()`;

/**
 * Starts recording the notices the app shows (once it is on the page), for recordedNotice. With
 * `current`, a notice already on screen counts too: right after a load nothing on screen is stale,
 * and a notice raised while the page starts may come before the recording does.
 */
export async function recordNotices(page: Page, current = false): Promise<void> {
  await page.locator('digit-lens-app').waitFor({ state: 'attached' });
  await page.evaluate(RECORD_NOTICES(current));
}

/**
 * The first notice shown since recordNotices that `want` accepts, once there is one: it may have
 * come and gone meanwhile. A notice already on screen then is not counted until it changes,
 * unless recordNotices was asked to count it.
 */
export async function recordedNotice(
  page: Page,
  want: (t: string) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<string> {
  const seen = await poll(
    () => page.evaluate('window.noticesSeen ?? []') as Promise<string[]>,
    (notices) => notices.some(want),
    what,
    timeoutMs,
  );
  return seen.find(want)!;
}

/**
 * Presses Capture as a user does, once the camera is live and a number is on screen (the first
 * fake-camera frames can be blank), and returns the notice this capture produced.
 */
export async function capture(page: Page): Promise<string> {
  await waitForTestId(page, 'camera-state', (t) => t === 'live', 30_000);
  await waitForTestId(page, 'reading', (t) => !!t, 30_000);
  // A notice left from an earlier capture reads the same as this one's: it goes first, and every
  // notice shown after that is recorded.
  await dismissNotices(page, ['notice']);
  await recordNotices(page);
  await page.locator('[data-testid="capture"]:not([disabled])').click();
  return recordedNotice(page, (t) => /^Saved|Storage is full|Could not save/.test(t), 'the notice of this capture');
}

/** Makes one capture with a number read, checks it is stored, and returns the number. */
export async function makeCapture(page: Page): Promise<string> {
  const before = await historyCount(page);
  const saved = await capture(page);
  const reading = /^Saved (\d+)\.$/.exec(saved)?.[1];
  if (!reading) throw new Error(`capture did not save a number: ${JSON.stringify(saved)}`);
  await poll(
    () => historyCount(page),
    (n) => n === before + 1,
    'the capture in IndexedDB',
  );
  return reading;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The element's rectangle once layout has settled: the same, non-empty, over three animation
 * frames in a row (an app header that grows when the model loads moves everything below it).
 */
export async function settledBox(locator: Locator, timeoutMs = 10_000): Promise<Rect> {
  const same = (a: Rect | null, b: Rect | null): boolean =>
    !!a && !!b && (['x', 'y', 'width', 'height'] as const).every((k) => Math.abs(a[k] - b[k]) < 0.5);
  const end = Date.now() + timeoutMs;
  let last: Rect | null = null;
  let steady = 0;
  for (;;) {
    const box = await locator.boundingBox();
    steady = box && box.width > 0 && box.height > 0 && same(box, last) ? steady + 1 : 0;
    if (steady >= 2) return box!;
    if (Date.now() >= end) throw new Error(`layout of ${locator} did not settle (last: ${JSON.stringify(box)})`);
    last = box;
    await locator.page().evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
}

/**
 * A viewport point inside the element where the element itself is what the pointer hits (looking
 * through shadow roots): a neighbour drawn on top, or a toast, would take the press otherwise.
 */
export async function pointOn(locator: Locator): Promise<{ x: number; y: number }> {
  const p = await locator.evaluate((el: Element) => {
    const r = el.getBoundingClientRect();
    const fractions = [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9];
    for (const fy of fractions) {
      for (const fx of fractions) {
        const x = r.left + r.width * fx;
        const y = r.top + r.height * fy;
        let hit: Element | null = document.elementFromPoint(x, y);
        while (hit?.shadowRoot) {
          const inner: Element | null = hit.shadowRoot.elementFromPoint(x, y);
          if (!inner || inner === hit) break;
          hit = inner;
        }
        if (hit === el) return { x, y };
      }
    }
    return null;
  });
  if (!p) throw new Error(`no point of ${locator} is free to press: something covers it`);
  return p;
}

/**
 * Drags an element by (dx, dy) as a finger would: measures its settled rectangle right before,
 * presses at a point that hits it, moves there in small steps and lets go.
 */
export async function dragBy(locator: Locator, dx: number, dy: number, steps = 8): Promise<void> {
  const mouse = locator.page().mouse;
  await settledBox(locator);
  const { x, y } = await pointOn(locator);
  await mouse.move(x, y);
  await mouse.down();
  await mouse.move(x + dx, y + dy, { steps });
  await mouse.up();
}

/** Taps an element at a point that hits it (for SVG shapes that a neighbour may partly cover). */
export async function tapOn(locator: Locator): Promise<void> {
  await settledBox(locator);
  const { x, y } = await pointOn(locator);
  await locator.page().mouse.click(x, y);
}

export interface Engine {
  backend: string | null;
  version: string | null;
  reason: string | null;
}

/**
 * What Settings says about the detector: its engine (backend), why that one, and the model version.
 * The main screen keeps to the camera, the reading and the actions, so this opens Settings when it
 * is closed, waits until `ok`, and closes it again (Escape, or its toggle where Escape does nothing).
 */
export async function engine(page: Page, ok: (e: Engine) => boolean = (e) => !!e.backend, timeoutMs = 30_000): Promise<Engine> {
  const panel = page.locator('settings-panel');
  const open = (await panel.count()) === 0;
  if (open) await page.locator('[data-testid="settings-toggle"]').click();
  try {
    return await poll(
      async () => ({
        backend: await testIdText(page, 'backend'),
        version: await testIdText(page, 'model-version'),
        reason: await testIdText(page, 'backend-reason'),
      }),
      ok,
      'the engine shown in Settings',
      timeoutMs,
    );
  } finally {
    if (open) {
      await page.keyboard.press('Escape');
      if ((await panel.count()) > 0) await page.locator('[data-testid="settings-toggle"]').click();
      await panel.waitFor({ state: 'detached', timeout: 5_000 });
    }
  }
}

/** The model version the app runs once its model is ready (null before), read from the app itself:
 * the version is shown only inside Settings. */
export function modelVersion(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('digit-lens-app')?.info?.version ?? null);
}

/**
 * One capture (a "7" on a small grey image) written straight to the app's history, for tests about
 * the panels rather than the camera.
 */
export async function storeCapture(page: Page, id: string): Promise<void> {
  await page.evaluate(async (id) => {
    const canvas = new OffscreenCanvas(64, 48);
    canvas.getContext('2d')!.fillRect(8, 8, 20, 30);
    const image = await canvas.convertToBlob({ type: 'image/jpeg' });
    const app = document.querySelector('digit-lens-app') as unknown as {
      history(): Promise<{ add(c: unknown): Promise<unknown> }>;
    };
    await (
      await app.history()
    ).add({
      id,
      time: Date.now(),
      image,
      thumbnail: image,
      width: 64,
      height: 48,
      predictions: [{ digit: 7, score: 0.9, x: 8, y: 8, w: 20, h: 30 }],
      reading: '7',
      modelVersion: 'v0',
      backend: 'wasm',
      timings: { inferenceMs: 1, frameToResultMs: 2 },
      source: 'camera',
    });
  }, id);
}
