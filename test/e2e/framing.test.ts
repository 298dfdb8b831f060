// A page on another origin cannot put the app in a frame (clickjacking): the production build as
// scripts/serve.mjs serves it, opened in Chromium from a page on a second local server.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Frame } from 'playwright-core';
import { launch, poll, serve, type Browser, type Served } from './harness.js';

describe('framing: no other page may frame the app', () => {
  let app: Served;
  let browser: Browser;
  let other: Server;
  let otherUrl: string;

  before(async () => {
    app = await serve();
    browser = await launch({ camera: false });
    // The "attacker": a page on another port (another origin) that frames whatever ?src names.
    other = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/inner') {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>inner</title><p id="ok">inner</p>');
        return;
      }
      const src = url.searchParams.get('src') ?? '/inner';
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><iframe src="${src}"></iframe>`);
    });
    other.listen(0, '127.0.0.1');
    await once(other, 'listening');
    otherUrl = `http://127.0.0.1:${(other.address() as { port: number }).port}/`;
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    other?.close();
  });

  /**
   * The frame's URL and title once it has loaded: the page asked for (its document complete), or
   * the error page Chromium puts in a frame it refuses to render.
   */
  async function framed(src: string): Promise<{ url: string; title: string | null }> {
    const { page } = browser;
    await page.goto(`${otherUrl}?src=${encodeURIComponent(src)}`);
    const handle = await page.waitForSelector('iframe');
    let frame: Frame | null = null;
    await poll(
      async () => (frame = await handle.contentFrame()) !== null,
      (has) => has,
      'the iframe has a frame',
    );
    const f = frame!;
    return poll(
      async () => ({
        url: f.url(),
        title: await f.evaluate(() => (document.readyState === 'complete' ? document.title : null)).catch(() => null),
      }),
      (r) => /^chrome-error:/.test(r.url) || (/^http/.test(r.url) && r.title !== null),
      'the frame loaded, or refused',
      15_000,
    );
  }

  it('loads an ordinary page in the frame (the check itself works)', async () => {
    const r = await framed(`${otherUrl}inner`);
    assert.equal(r.title, 'inner');
  });

  it('refuses to render the app in a frame on another origin', async () => {
    const r = await framed(app.url);
    assert.notEqual(r.title, 'Digit Lens', `the app rendered inside the frame (${r.url})`);
    assert.match(r.url, /^chrome-error:|^about:blank/, `frame url ${r.url}`);
    // And no app page ever ran there: the app's own origin saw no script load from a frame.
    const res = await fetch(app.url);
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
  });
});
