/**
 * What runs the digit model, said for a person rather than a developer: the part of the phone doing
 * the work. The engine's own name (WebGL, WebAssembly) stays one tap away, under Details.
 */
export function engineInWords(backend: string | null | undefined): string {
  switch (backend) {
    case 'webgl':
      return "the phone's graphics chip";
    case 'wasm':
      return "the phone's processor";
    case 'cpu':
      return "the phone's processor, in a slower mode";
    default:
      return 'this phone';
  }
}

/** The engine's own name, for the details. */
export function engineName(backend: string | null | undefined): string {
  switch (backend) {
    case 'webgl':
      return 'WebGL';
    case 'wasm':
      return 'WebAssembly';
    case 'cpu':
      return 'plain JavaScript';
    default:
      return backend ?? 'unknown';
  }
}

/** Bytes as a person reads them: MB below a gigabyte, GB from there ("3.5 MB of 10.7 GB"). */
export function sizeInWords(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}
