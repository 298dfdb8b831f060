/**
 * Real key presses from the browser tests (Playwright's keyboard, through Web Test Runner's
 * send-keys command). @web/test-runner-commands cannot be imported here: Vite pre-bundles it and
 * breaks its import of the runner's web socket, so this asks the socket directly, as it does.
 */
type Socket = { sendMessageWaitForResponse(m: object): Promise<{ executed: boolean; result: unknown }> };

const SOCKET = '/__web-dev-server__web-socket.js';

export async function sendKeys(payload: { press: string } | { type: string }): Promise<void> {
  const sessionId = new URL(location.href).searchParams.get('wtr-session-id');
  const socket = (await import(/* @vite-ignore */ SOCKET)) as Socket;
  const r = await socket.sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command: 'send-keys', payload });
  if (!r.executed) throw new Error('send-keys is not available');
}
