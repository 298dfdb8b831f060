// Serves the production build (dist/) on localhost: `npm start` / `npm run preview`.
// localhost is a secure context, so the camera and the service worker work without HTTPS.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
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
};

if (!existsSync(join(root, 'index.html'))) {
  console.error(`No build in ${root}: run "npm run build" first.`);
  process.exit(1);
}

/** On every response, errors included: the policy, no sniffing, no referrer, no framing. */
const SECURITY_HEADERS = {
  // As a header it also covers the workers, which a <meta> policy does not reach.
  'Content-Security-Policy': CSP,
  // frame-ancestors 'none' says it to current browsers; X-Frame-Options to older ones.
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const reply = (res, status, text) =>
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end(text);

/** The file a request path names inside root, or an HTTP status when there is none to serve. */
function resolvePath(rawUrl) {
  let pathname;
  try {
    // A malformed escape (`/%`) or URL is the client's error, never a reason for the server to die.
    pathname = decodeURIComponent(new URL(rawUrl ?? '/', 'http://x').pathname);
  } catch {
    return 400;
  }
  if (pathname.includes('\0')) return 400;
  const file = join(root, normalize(pathname));
  if (file !== root && !file.startsWith(root + sep)) return 403;
  // Source maps stay out of production (the build still writes them, for local debugging).
  if (extname(file).toLowerCase() === '.map') return 404;
  return file;
}

export const server = createServer((req, res) => {
  let file = resolvePath(req.url);
  if (typeof file === 'number') {
    reply(res, file, file === 400 ? 'bad request' : file === 403 ? 'forbidden' : 'not found');
    return;
  }
  let stat;
  try {
    stat = statSync(file, { throwIfNoEntry: false });
  } catch {
    stat = undefined; // e.g. a name too long for the file system: treat as missing
  }
  if (!stat || stat.isDirectory()) {
    // SPA fallback for navigations; real 404 for assets (a missing shard must look missing).
    if (extname(file)) {
      reply(res, 404, 'not found');
      return;
    }
    file = join(root, 'index.html');
  }
  const stream = createReadStream(file);
  stream.on('error', () => {
    // Vanished or unreadable between the check and the read: answer if nothing went out yet.
    if (!res.headersSent) reply(res, 404, 'not found');
    else res.destroy();
  });
  stream.on('open', () => {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
      // The service worker script must never be served stale, or updates stall.
      'Cache-Control': file.endsWith('sw.js') || file.endsWith('.html') ? 'no-cache' : 'public, max-age=0',
    });
    stream.pipe(res);
  });
});

server.listen(port, host, () => {
  console.log(`Digit Lens is being served at http://localhost:${port}/ (Ctrl+C to stop)`);
});
