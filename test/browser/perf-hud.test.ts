import '../../src/app/perf-hud.js';
import { PerfStats } from '../../src/app/perf-stats.js';
import type { LoopStats } from '../../src/inference/page/frame-loop.js';
import { byTestId, waitFor } from '../helpers/assert.js';

describe('perf-hud', () => {
  it('shows new figures as the same stats objects fill up, without being re-bound', async () => {
    // The app hands the HUD its PerfStats and the loop's LoopStats once and then mutates them:
    // the HUD must follow them by itself.
    const stats = new PerfStats();
    const loop: LoopStats = { sent: 0, dropped: 0 };
    const hud = document.createElement('perf-hud');
    hud.stats = stats;
    hud.loop = loop;
    document.body.append(hud);
    await hud.updateComplete;
    const text = (): string => byTestId(hud.shadowRoot!, 'hud')?.textContent?.replace(/\s+/g, ' ') ?? '';
    await waitFor(() => text().includes('fps 0.0'), 'the HUD to show fps 0.0 before any detection', 5_000);

    const t0 = performance.now();
    for (let i = 0; i < 11; i++) stats.add(20, 40, t0 + i * 100); // 10 detections per second
    loop.sent = 11;
    loop.dropped = 7;
    // What the app does after each result: it binds the very same objects again.
    hud.stats = stats;
    hud.loop = loop;

    await waitFor(() => text().includes('fps 10.0'), `the HUD to show fps 10.0 (shows "${text()}")`, 5_000);
    await waitFor(
      () => text().includes('infer 20.0 ms') && text().includes('7 frames skipped while busy'),
      `inference ms and frames skipped, in words (shows "${text()}")`,
      5_000,
    );
    hud.remove();
  });
});
