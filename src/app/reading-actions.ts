/**
 * What a tap on the reading does: copy it to the clipboard, and offer the share sheet where the
 * browser has one. Returns the message to show.
 */
export async function actOnReading(text: string, nav: Navigator = navigator): Promise<string> {
  if (!text) return '';
  let copied = false;
  try {
    await nav.clipboard.writeText(text);
    copied = true;
  } catch {
    // No clipboard permission (or an insecure page): the share sheet may still work.
  }
  if (typeof nav.share === 'function' && !copied) {
    try {
      await nav.share({ text });
      return `Shared ${text}`;
    } catch {
      // The user closed the share sheet.
    }
  }
  return copied ? `Copied ${text}` : `Could not copy ${text}: the browser did not allow it`;
}

/** The share sheet is offered as its own action only where the browser has one. */
export function canShare(nav: Navigator = navigator): boolean {
  return typeof nav.share === 'function';
}

/** Hands the number to the share sheet. Returns the message to show ('' when the user closed the sheet). */
export async function shareReading(text: string, nav: Navigator = navigator): Promise<string> {
  if (!text) return '';
  try {
    await nav.share({ text });
    return `Shared ${text}`;
  } catch (e) {
    return e instanceof DOMException && e.name === 'AbortError' ? '' : `Could not share ${text}`;
  }
}
