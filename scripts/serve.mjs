// Serves the production build (dist/) on localhost: `npm start` / `npm run preview`.
// localhost is a secure context, so the camera and the service worker work without HTTPS.
import { createReadStream, existsSync, fstatSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { CSP } from './csp.mjs';

const root = resolve(process.env.DIST ?? 'dist');
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';
// Test aids, off unless set. REQUEST_LOG=1: one `request-log {json}` line per response on stdout
// (what crossed the network, in bytes). THROTTLE_BPS=n: model files (/models/) trickle out at n
// bytes a second, as on a slow phone link, so download progress can be watched.
const requestLog = process.env.REQUEST_LOG === '1';
const throttleBps = Number(process.env.THROTTLE_BPS ?? 0);
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

/** How long browsers may keep a file without asking again. */
function cacheControl(file) {
  // The service worker script must never be served stale, or updates stall.
  if (file.endsWith('sw.js') || file.endsWith('.html')) return 'no-cache';
  // Build outputs are named by their content: a new build has new names.
  if (file.startsWith(join(root, 'assets') + sep)) return 'public, max-age=31536000, immutable';
  // Icons and the web manifest: the browser asks for them from several places at once (favicon,
  // install check); an hour saves the repeats. The service worker's copy follows each build.
  if (/\.(png|svg|webmanifest)$/.test(file)) return 'public, max-age=3600';
  return 'public, max-age=0';
}

/** Passes bytes on in 16 KiB pieces, no faster than `bps` bytes a second. */
function throttle(bps) {
  const begun = Date.now();
  let sent = 0;
  return new Transform({
    transform(chunk, _encoding, done) {
      const next = (offset) => {
        if (offset >= chunk.length) return done();
        const piece = chunk.subarray(offset, offset + 16384);
        sent += piece.length;
        this.push(piece);
        setTimeout(() => next(offset + piece.length), Math.max(0, begun + (sent / bps) * 1000 - Date.now()));
      };
      next(0);
    },
  });
}

/** Logs the response once sent: bytes are what the socket wrote for it, headers included. */
function logRequest(req, res) {
  const socket = req.socket;
  const before = socket.bytesWritten;
  res.on('finish', () => {
    const entry = { method: req.method, url: req.url, status: res.statusCode, bytes: socket.bytesWritten - before };
    console.log(`request-log ${JSON.stringify(entry)}`);
  });
}

export const server = createServer((req, res) => {
  if (requestLog) logRequest(req, res);
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
  stream.on('open', (fd) => {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
      // Of the file opened (it may have been replaced since the check): lets browsers show progress.
      'Content-Length': fstatSync(fd).size,
      'Cache-Control': cacheControl(file),
    });
    if (throttleBps > 0 && file.startsWith(join(root, 'models') + sep)) stream.pipe(throttle(throttleBps)).pipe(res);
    else stream.pipe(res);
  });
});

server.listen(port, host, () => {
  console.log(`Digit Lens is being served at http://localhost:${port}/ (Ctrl+C to stop)`);
});
