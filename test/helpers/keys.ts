/**
 * Real key presses and clicks from the browser tests (Playwright's keyboard and mouse, through Web
 * Test Runner's send-keys and send-mouse commands). @web/test-runner-commands cannot be imported
 * here: Vite pre-bundles it and breaks its import of the runner's web socket, so this asks the
 * socket directly, as it does. A real click gives the page user activation; element.click() does not.
 */
type Socket = { sendMessageWaitForResponse(m: object): Promise<{ executed: boolean; result: unknown }> };

const SOCKET = '/__web-dev-server__web-socket.js';

async function command(name: string, payload: object): Promise<void> {
  const sessionId = new URL(location.href).searchParams.get('wtr-session-id');
  const socket = (await import(/* @vite-ignore */ SOCKET)) as Socket;
  const r = await socket.sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command: name, payload });
  if (!r.executed) throw new Error(`${name} is not available`);
}

export function sendKeys(payload: { press: string } | { type: string }): Promise<void> {
  return command('send-keys', payload);
}

/** A real mouse click in the middle of `el`. */
export function clickOn(el: Element): Promise<void> {
  const r = el.getBoundingClientRect();
  return command('send-mouse', { type: 'click', position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)] });
}
