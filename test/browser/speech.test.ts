/**
 * Settings → Speak: a steady reading is spoken once per new number, never a tentative one, with a
 * short vibration; as a number or digit by digit. The app's own controllers on a small Lit host,
 * with the speech synthesis and the vibration replaced by spies.
 */
import { LitElement, html } from 'lit';
import { ReadingController } from '../../src/app/reading-controller.js';
import { SpeechController } from '../../src/app/speech-controller.js';
import type { FrameResult } from '../../src/inference/shared/protocol.js';
import { assertEqual } from '../helpers/assert.js';

class SpeechHost extends LitElement {
  readonly readings = new ReadingController(this);
  readonly spoken: string[] = [];
  buzzes = 0;
  readonly speech = new SpeechController(this, () => this.readings.reading, {
    synth: { speak: (u) => void this.spoken.push(u.text), cancel: () => undefined },
    vibrate: () => void this.buzzes++,
  });

  override render() {
    return html`${this.readings.reading || this.readings.tentative}`;
  }
}
customElements.define('speech-test-host', SpeechHost);

/** One camera frame in which `reading` is the only number ('' for none). */
const frame = (reading: string): FrameResult => ({
  numbers: reading ? [{ reading, score: 0.9, boxes: [], box: { x: 10, y: 10, w: 40, h: 20 } }] : [],
  tooSmall: false,
  passes: 1,
  boxes: [],
  reading,
  ms: 1,
  backend: 'wasm',
  version: 'v0',
  width: 640,
  height: 480,
});

/** Feeds `times` frames showing `reading`, each rendered as the app renders its frames. */
async function frames(host: SpeechHost, reading: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    host.readings.push(frame(reading));
    await host.updateComplete;
  }
}

describe('Speak', () => {
  let host: SpeechHost;
  beforeEach(async () => {
    host = document.createElement('speech-test-host') as SpeechHost;
    document.body.append(host);
    await host.updateComplete;
  });
  afterEach(() => host.remove());

  it('says a steady reading once per new number, never a tentative one', async () => {
    host.speech.configure({ speak: true, speakDigits: false });
    await frames(host, '403', 2);
    assertEqual(host.readings.tentative, '403', 'shown faded');
    assertEqual(host.spoken.length, 0, 'a tentative reading is not said');
    await frames(host, '403', 1);
    assertEqual(host.readings.reading, '403', 'steady');
    assertEqual(JSON.stringify(host.spoken), '["four hundred and three"]');
    assertEqual(host.buzzes, 1, 'a short vibration when it became steady');

    await frames(host, '403', 10);
    assertEqual(host.spoken.length, 1, 'said once while it holds');

    // Another number: tentative for two frames (not said), steady at the third (said).
    await frames(host, '12', 2);
    assertEqual(host.readings.tentative, '12');
    assertEqual(host.spoken.length, 1, 'the tentative 12 is not said');
    await frames(host, '12', 1);
    assertEqual(host.readings.reading, '12');
    assertEqual(JSON.stringify(host.spoken), '["four hundred and three","twelve"]');
    assertEqual(host.buzzes, 2);

    // A flicker of 403 over the steady 12 is never said.
    await frames(host, '403', 1);
    await frames(host, '12', 5);
    assertEqual(host.spoken.length, 2, 'a one-frame 403 is not said');
  });

  it('digit by digit when chosen, and nothing at all while off', async () => {
    host.speech.configure({ speak: true, speakDigits: true });
    await frames(host, '403', 3);
    assertEqual(JSON.stringify(host.spoken), '["four zero three"]');

    host.speech.configure({ speak: false, speakDigits: true });
    await frames(host, '85', 5);
    assertEqual(host.readings.reading, '85');
    assertEqual(host.spoken.length, 1, 'Speak off: not said');
    assertEqual(host.buzzes, 1, 'Speak off: no vibration');

    // Switched on again while 85 is in view: it is said at once.
    host.speech.configure({ speak: true, speakDigits: false });
    await frames(host, '85', 1);
    assertEqual(JSON.stringify(host.spoken), '["four zero three","eighty-five"]');
  });
});
