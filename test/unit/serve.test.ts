// scripts/serve.mjs against a throwaway dist folder: malformed requests get a 400 and the server
// stays up; source maps are not served; the app cannot be framed.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as { port: number };
  s.close();
  await once(s, 'close');
  return port;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET with the path sent exactly as given (like curl --path-as-is): no normalising, no escaping. */
function get(port: number, path: string): Promise<Reply> {
  return new Promise((res, rej) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (r) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (d: string) => (body += d));
      r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body }));
    });
    req.on('error', rej);
    req.end();
  });
}

describe('scripts/serve.mjs', () => {
  let dist: string;
  let port: number;
  let child: ChildProcess;
  let exited: number | null | undefined;

  before(async () => {
    dist = mkdtempSync(join(tmpdir(), 'digit-lens-serve-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("install", () => {});\n//# sourceMappingURL=sw.js.map');
    writeFileSync(join(dist, 'sw.js.map'), '{"version":3,"sources":["../src/sw.ts"]}');
    writeFileSync(join(dist, 'assets/index-abc.js'), 'console.log(1)');
    writeFileSync(join(dist, 'assets/index-abc.js.map'), '{"version":3}');
    port = await freePort();
    child = spawn(process.execPath, [join(ROOT, 'scripts/serve.mjs')], {
      env: { ...process.env, DIST: dist, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.on('exit', (code) => (exited = code));
    await new Promise<void>((res, rej) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('served') && res());
      child.on('exit', (c) => rej(new Error(`server exited ${c}`)));
    });
  });

  after(async () => {
    if (exited === undefined) {
      child.kill();
      await once(child, 'exit');
    }
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers a malformed path with 400 and keeps serving', async () => {
    for (const path of ['/%', '/%E0%A4%A', '/assets/%zz.js', '/%00', '/a%00.js']) {
      const r = await get(port, path);
      assert.equal(r.status, 400, `${path}: ${r.status}`);
    }
    assert.equal(exited, undefined, 'the server is still running');
    const ok = await get(port, '/');
    assert.equal(ok.status, 200);
    assert.match(ok.body, /<title>app<\/title>/);
  });

  it('keeps serving the app and its files; path traversal stays inside dist', async () => {
    assert.equal((await get(port, '/sw.js')).status, 200);
    assert.equal((await get(port, '/assets/index-abc.js')).status, 200);
    assert.equal((await get(port, '/missing.js')).status, 404);
    const up = await get(port, '/..%2f..%2f..%2fetc%2fpasswd');
    assert.ok(up.status === 403 || up.status === 404 || !/root:/.test(up.body), `traversal: ${up.status}`);
  });

  it('does not serve source maps', async () => {
    for (const path of ['/sw.js.map', '/assets/index-abc.js.map', '/sw.js.MAP']) {
      const r = await get(port, path);
      assert.equal(r.status, 404, `${path}: ${r.status}`);
      assert.doesNotMatch(r.body, /version/);
    }
  });

  it('forbids framing by any origin (CSP frame-ancestors and X-Frame-Options)', async () => {
    for (const path of ['/', '/sw.js', '/assets/index-abc.js', '/missing.js', '/%']) {
      const r = await get(port, path);
      assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/, path);
      assert.equal(r.headers['x-frame-options'], 'DENY', path);
      assert.equal(r.headers['x-content-type-options'], 'nosniff', path);
    }
  });
});
