/** Thrown when the browser refuses a write for lack of space; nothing already stored is lost. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(
    message = 'Storage is full: this capture was not saved. Delete some captures (History) or free space on the device.',
  ) {
    super(message);
  }
}

/** The browser's "out of space" error, also when it comes wrapped (as an Error's cause). */
export const isQuotaError = (e: unknown): boolean =>
  (e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED')) ||
  (e instanceof Error && e.cause !== undefined && e.cause !== e && isQuotaError(e.cause));
