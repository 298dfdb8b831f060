import '../../src/camera/camera-view.js';
import { assert, assertEqual, byTestId, waitFor } from '../helpers/assert.js';

describe('camera-view when the user denies the camera', () => {
  it('shows the denied state, how to re-enable, and offers a photo instead', async () => {
    const el = document.createElement('camera-view');
    document.body.append(el);
    let chosePhoto = false;
    el.addEventListener('choose-photo', () => (chosePhoto = true));
    await waitFor(() => byTestId(el.shadowRoot!, 'camera-state')?.textContent === 'denied', 'denied state');
    const msg = byTestId(el.shadowRoot!, 'camera-message')!;
    assert(/Camera access is off/.test(msg.textContent ?? ''), 'says the camera is off');
    assert(/allow Camera/i.test(msg.textContent ?? ''), 'says how to re-enable');
    byTestId(el.shadowRoot!, 'camera-photo')!.click();
    assertEqual(chosePhoto, true, 'photo fallback offered');
    el.remove();
  });
});
