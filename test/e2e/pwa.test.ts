import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { servedApp, waitForTestId } from './harness.js';

interface WebManifest {
  name: string;
  short_name: string;
  description: string;
  start_url: string;
  scope: string;
  display: string;
  orientation: string;
  theme_color: string;
  background_color: string;
  icons: Array<{ src: string; sizes: string; type: string; purpose?: string }>;
}

describe('installable, offline-first app shell (production build)', () => {
  const app = servedApp();

  it('plays the fake camera in the served app', async () => {
    await app.browser.page.goto(app.server.url);
    await waitForTestId(app.browser.page, 'camera-state', (t) => t === 'live');
    const width = await app.browser.page.evaluate(() => {
      const app = document.querySelector('digit-lens-app')!;
      const cam = app.shadowRoot!.querySelector('camera-view')!;
      return cam.shadowRoot!.querySelector('video')!.videoWidth;
    });
    assert.ok(width > 0, 'video has frames');
  });

  it('registers a service worker that controls the page', async () => {
    const page = app.browser.page;
    await page.goto(app.server.url);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, app.server.url);
    // Each test has a fresh profile, so this visit installs the worker: the one visit that says so,
    // once the model, the worker and its backend are saved too.
    await waitForTestId(page, 'offline-ready', (t) => t !== null && /Ready to work offline/.test(t), 30_000);
    // First load is not controlled until clients.claim or a reload; the app reloads nothing itself.
    await page.reload();
    const controlled = await page.evaluate(() => navigator.serviceWorker.controller?.state ?? null);
    assert.equal(controlled, 'activated');
  });

  it('links a valid manifest whose icons exist at their declared sizes', async () => {
    const page = app.browser.page;
    await page.goto(app.server.url);
    const href = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href ?? null);
    assert.ok(href, 'manifest link present');
    const m = (await (await fetch(href)).json()) as WebManifest;
    for (const k of ['name', 'short_name', 'description', 'start_url', 'scope', 'theme_color', 'background_color'] as const) {
      assert.ok(m[k], `manifest.${k}`);
    }
    assert.equal(m.display, 'standalone');
    assert.equal(m.orientation, 'portrait');
    const sizes = m.icons.map((i) => i.sizes);
    assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), 'has 192 and 512 icons');
    assert.ok(
      m.icons.some((i) => i.purpose?.includes('maskable')),
      'has a maskable icon',
    );
    for (const icon of m.icons) {
      const url: string = new URL(icon.src, href).href;
      const dims: string | null = await page.evaluate(async (u) => {
        const r = await fetch(u);
        if (!r.ok) return null;
        const b = await createImageBitmap(await r.blob());
        return `${b.width}x${b.height}`;
      }, url);
      assert.equal(dims, icon.sizes, `${icon.src} is ${icon.sizes}`);
    }
  });

  it('reloads the app shell with the network off after one online visit', async () => {
    const page = app.browser.page;
    await page.goto(app.server.url);
    await page.evaluate(async () => navigator.serviceWorker.ready);
    await page.reload();
    await app.browser.context.setOffline(true);
    try {
      await page.reload();
      const title = await page.evaluate(async () => {
        await customElements.whenDefined('digit-lens-app');
        return document.querySelector('digit-lens-app')?.shadowRoot?.querySelector('h1')?.textContent ?? null;
      });
      assert.equal(title, 'Digit Lens');
      // And the network really is off: a fetch that bypasses the SW cache fails.
      const online = await page.evaluate(() =>
        fetch('/nope-' + Math.random(), { cache: 'no-store' }).then(
          () => true,
          () => false,
        ),
      );
      assert.equal(online, false);
    } finally {
      await app.browser.context.setOffline(false);
    }
  });
});
