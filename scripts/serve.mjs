// Serves the production build (dist/) on localhost: `npm start` / `npm run preview`.
// localhost is a secure context, so the camera and the service worker work without HTTPS.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { CSP } from './csp.mjs';

const root = resolve(process.env.DIST ?? 'dist');
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.map': 'application/json',
};

if (!existsSync(join(root, 'index.html'))) {
  console.error(`No build in ${root}: run "npm run build" first.`);
  process.exit(1);
}

export const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  let file = join(root, normalize(decodeURIComponent(url.pathname)));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) {
    // SPA fallback for navigations; real 404 for assets (a missing shard must look missing).
    if (extname(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    file = join(root, 'index.html');
  }
  const headers = {
    // As a header it also covers the workers, which a <meta> policy does not reach.
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Type': types[extname(file)] ?? 'application/octet-stream',
    // The service worker script must never be served stale, or updates stall.
    'Cache-Control': file.endsWith('sw.js') || file.endsWith('.html') ? 'no-cache' : 'public, max-age=0',
  };
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
});

server.listen(port, host, () => {
  console.log(`Digit Lens is being served at http://localhost:${port}/ (Ctrl+C to stop)`);
});
