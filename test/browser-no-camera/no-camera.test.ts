import '../../src/camera/camera-view.js';
import { assert, byTestId, waitFor } from '../helpers/assert.js';

describe('camera-view on a device without a camera', () => {
  it('shows "no-camera" and offers to choose a photo', async () => {
    const el = document.createElement('camera-view');
    document.body.append(el);
    let chosePhoto = false;
    el.addEventListener('choose-photo', () => (chosePhoto = true));
    await waitFor(() => byTestId(el.shadowRoot!, 'camera-state')?.textContent === 'no-camera', 'no-camera state');
    assert(/No camera found/.test(byTestId(el.shadowRoot!, 'camera-message')?.textContent ?? ''), 'says there is no camera');
    byTestId(el.shadowRoot!, 'camera-action')!.click();
    assert(chosePhoto, 'photo offered');
    el.remove();
  });
});
