/** The number Find looks for, kept on this device across reloads until cleared. */
const KEY = 'digit-lens.find';

/** The kept number ('' when none, or where storage is off, as in some private modes). */
export function loadWanted(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

/** Keeps `wanted` ('' forgets it). Where storage is off, Find still works until the page closes. */
export function saveWanted(wanted: string): void {
  try {
    if (wanted) localStorage.setItem(KEY, wanted);
    else localStorage.removeItem(KEY);
  } catch {
    // nothing kept: the number is forgotten at the next visit
  }
}
