/**
 * Settings → Speak: a steady reading is spoken once per new number, never a tentative one, with a
 * short vibration once it is being said; as a number or digit by digit. After the browser refuses
 * to speak until the page is tapped, the tap says the reading in view and takes the prompt away; a
 * failed utterance says once that speech is not available. The app's own controllers on a small
 * Lit host, with the speech synthesis and the vibration replaced by spies.
 */
import { LitElement, html, render } from 'lit';
import { NoticeController, type NoticeKind } from '../../src/app/notice-controller.js';
import { ReadingController } from '../../src/app/reading-controller.js';
import '../../src/app/speak-settings.js';
import { SPEECH_UNAVAILABLE, SpeechController, TAP_TO_SPEAK, type Synth } from '../../src/app/speech-controller.js';
import type { FrameResult } from '../../src/inference/shared/protocol.js';
import { assertEqual, waitFor } from '../helpers/assert.js';
import { clickOn } from '../helpers/keys.js';

/** The app's notice line, recording every message it was asked to show. */
class RecordingNotices extends NoticeController {
  readonly shown: string[] = [];
  override show(message: string, kind?: NoticeKind): void {
    if (message) this.shown.push(message);
    super.show(message, kind);
  }
}

class SpeechHost extends LitElement {
  readonly readings = new ReadingController(this);
  readonly notices = new RecordingNotices(this);
  readonly spoken: string[] = [];
  buzzes = 0;
  speech!: SpeechController;

  /** Speech through `synth` (by default a spy that speaks at once). */
  listen(synth?: Synth): void {
    this.speech = new SpeechController(this, () => this.readings.reading, {
      synth: synth ?? { speak: (u) => this.said(u), cancel: () => undefined },
      vibrate: () => void this.buzzes++,
      notices: this.notices,
    });
  }

  /** An utterance spoken: recorded, and its start fired as the browser fires it. */
  said(u: SpeechSynthesisUtterance): void {
    this.spoken.push(u.text);
    u.dispatchEvent(new Event('start'));
  }

  override render() {
    return html`<div style="min-height: 80px">${this.readings.reading || this.readings.tentative}</div>`;
  }
}
customElements.define('speech-test-host', SpeechHost);

/** An utterance's error event, as the browser fires it. */
const fail = (u: SpeechSynthesisUtterance, error: SpeechSynthesisErrorCode): void =>
  void setTimeout(() => u.dispatchEvent(new SpeechSynthesisErrorEvent('error', { utterance: u, error })));

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
    host.listen();
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

  it('after "Tap the screen once", the tap says the reading in view and takes the prompt away; no buzz before', async () => {
    // As Chromium speaks: refused ('not-allowed') until the page has had a real tap.
    assertEqual(navigator.userActivation.hasBeenActive, false, 'precondition: the page has not been tapped');
    host.remove();
    host = document.createElement('speech-test-host') as SpeechHost;
    document.body.append(host);
    host.listen({
      speak: (u) => (navigator.userActivation.hasBeenActive ? host.said(u) : fail(u, 'not-allowed')),
      cancel: () => undefined,
    });
    host.speech.configure({ speak: true, speakDigits: false });
    await frames(host, '403', 3);
    await waitFor(() => host.notices.message === TAP_TO_SPEAK, 'the prompt to tap', 5_000);
    assertEqual(host.spoken.length, 0, 'refused');
    assertEqual(host.buzzes, 0, 'no vibration for a reading that was not said');

    await clickOn(host);
    await waitFor(() => host.spoken.length > 0, 'the reading said after the tap', 5_000);
    assertEqual(JSON.stringify(host.spoken), '["four hundred and three"]', 'the reading in view at the tap');
    assertEqual(host.buzzes, 1, 'one vibration, with the speech');
    assertEqual(host.notices.message, '', 'the prompt went with the tap');
    await frames(host, '403', 5);
    assertEqual(host.spoken.length, 1, 'not said again while it holds');
  });

  it('a failed utterance says "Speech is not available on this device" once, and Settings says so', async () => {
    host.remove();
    host = document.createElement('speech-test-host') as SpeechHost;
    document.body.append(host);
    const tried: string[] = [];
    // No voice installed: Chromium fires 'synthesis-failed' for every utterance.
    host.listen({ speak: (u) => (tried.push(u.text), fail(u, 'synthesis-failed')), cancel: () => undefined });
    host.speech.configure({ speak: true, speakDigits: false });
    await frames(host, '403', 3);
    await waitFor(() => host.notices.message === SPEECH_UNAVAILABLE, 'the message', 5_000);
    await frames(host, '12', 3);
    await frames(host, '85', 3);
    await new Promise((r) => setTimeout(r, 50)); // any late error event has come in
    assertEqual(JSON.stringify(host.notices.shown), JSON.stringify([SPEECH_UNAVAILABLE]), 'said once');
    assertEqual(host.buzzes, 0, 'nothing said: no vibration');
    assertEqual(host.speech.available, false);

    const place = document.createElement('div');
    document.body.append(place);
    render(html`<speak-settings .available=${host.speech.available}></speak-settings>`, place);
    const settings = place.querySelector('speak-settings')!;
    await settings.updateComplete;
    const text = settings.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    place.remove();
    assertEqual(text.includes(SPEECH_UNAVAILABLE), true, `Settings: ${text}`);
  });
});
