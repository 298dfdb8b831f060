/**
 * The Content-Security-Policy of the built app: self only, WASM compilation allowed, no inline
 * scripts or styles, no other origin for anything. Sent as a header by scripts/serve.mjs and
 * written into index.html (for static hosts) by the build.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "style-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
