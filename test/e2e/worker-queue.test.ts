// The page's client queues detections: with the frame loop running, a capture (and any other
// detect) waits its turn instead of running in the worker alongside the loop's frame.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capture, detectorStatus, servedApp, waitForDetections, waitForTestId } from './harness.js';

interface QueueStatus {
  detections: number;
  inFlight: number;
  inFlightMax: number;
}

describe('detection queue (production build, fake camera)', () => {
  const app = servedApp();

  it('never runs two detections in the worker at once, while the loop runs and captures are made', async () => {
    const { page } = app.browser;
    // WebGL (SwiftShader here): its reads wait on the GPU, so a second message can start meanwhile.
    await page.goto(app.server.url + '?backend=webgl');
    await waitForTestId(page, 'reading', (t) => !!t, 60_000); // the frame loop is running
    // Detections straight through the client, all at once, alongside the frame loop...
    const direct = page.evaluate(async () => {
      const client = (
        document.querySelector('digit-lens-app') as unknown as {
          detector: { detect(frame: ImageBitmap): Promise<{ width: number }> };
        }
      ).detector;
      const canvas = new OffscreenCanvas(640, 480);
      canvas.getContext('2d')!.fillRect(0, 0, 320, 240);
      const frames = await Promise.all([1, 2, 3, 4].map(() => createImageBitmap(canvas)));
      return (await Promise.all(frames.map((f) => client.detect(f)))).map((r) => r.width);
    });
    // ...and a capture as a user makes one: its detect must run, not be dropped.
    const notice = await capture(page);
    assert.match(notice, /^Saved|Storage is full|Could not save/);
    assert.deepEqual(await direct, [640, 640, 640, 640], 'every queued detect ran');
    await waitForDetections(page, 3, 30_000); // the loop carries on afterwards
    const s = (await detectorStatus(page)) as unknown as QueueStatus;
    assert.equal(s.inFlightMax, 1, `at most one detection in flight in the worker (${JSON.stringify(s)})`);
  });
});
