/**
 * The Content-Security-Policy of the built app: self only, WASM compilation allowed, no inline
 * scripts or styles, no other origin for anything, no framing by any page. Sent as a header by
 * scripts/serve.mjs; written into index.html (for static hosts) by the build as META_CSP.
 */
const DIRECTIVES = [
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
];

/** No page of any origin, this one included, may put the app in a frame (clickjacking). */
const FRAME_ANCESTORS = "frame-ancestors 'none'";

/** The policy as an HTTP header: the whole of it. */
export const CSP = [...DIRECTIVES, FRAME_ANCESTORS].join('; ');

/**
 * The policy for a <meta> element: browsers ignore frame-ancestors there (and warn about it), so
 * it is left out; a static host has to send it (or X-Frame-Options: DENY) as a header.
 */
export const META_CSP = DIRECTIVES.join('; ');
