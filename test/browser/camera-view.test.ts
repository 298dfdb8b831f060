import '../../src/camera/camera-view.js';
import type { CameraView } from '../../src/camera/camera-view.js';
import { assert, assertEqual, byTestId, waitFor } from '../helpers/assert.js';

function mount(): CameraView {
  const el = document.createElement('camera-view');
  el.style.cssText = 'width:320px;height:480px';
  document.body.append(el);
  return el;
}

describe('camera-view with the fake camera', () => {
  let el: CameraView;
  afterEach(() => el?.remove());

  it('plays the fake stream: videoWidth > 0 and new frames arrive', async () => {
    el = mount();
    await waitFor(() => byTestId(el.shadowRoot!, 'camera-state')?.textContent === 'live', 'live state');
    const video = el.video!;
    await waitFor(() => video.videoWidth > 0, 'video dimensions');
    let frames = 0;
    const count = (): void => {
      frames++;
      video.requestVideoFrameCallback(count);
    };
    video.requestVideoFrameCallback(count);
    await waitFor(() => frames >= 5, 'five video frames', 10_000);
    assert(video.muted && video.playsInline, 'video is muted and inline (iOS autoplay)');
  });

  it('asks with ideal-only constraints and gives a FrameSource frame', async () => {
    el = mount();
    await waitFor(() => el.state === 'live', 'live');
    await waitFor(() => el.video!.videoWidth > 0, 'video dimensions');
    const frame = await waitFor(() => el.grabFrame(), 'a frame');
    assertEqual(frame.source, 'camera');
    assert(frame.width === el.video!.videoWidth && frame.height > 0, 'frame has the video size');
    // The frame really contains the picture: the plate's white pixels are present.
    const c = new OffscreenCanvas(frame.width, frame.height);
    const g = c.getContext('2d')!;
    g.drawImage(frame.bitmap, 0, 0);
    const px = g.getImageData(frame.width / 2 - 100, frame.height / 2 - 40, 1, 1).data;
    assert(px[0] > 200 && px[1] > 200 && px[2] > 200, `plate pixel is white, got ${px.join(',')}`);
    frame.bitmap.close();
  });

  it('pauses while the page is hidden and resumes when visible', async () => {
    el = mount();
    await waitFor(() => el.state === 'live', 'live');
    const hidden = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')!;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => el.state === 'paused', 'paused');
    assertEqual(el.video!.srcObject, null, 'stream released while hidden');
    Object.defineProperty(document, 'hidden', hidden);
    delete (document as { hidden?: boolean }).hidden;
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => el.state === 'live', 'live again');
  });

  it('shows "ended" with a retry when the track ends, and retry brings it back', async () => {
    el = mount();
    await waitFor(() => el.state === 'live', 'live');
    const track = (el.video!.srcObject as MediaStream).getVideoTracks()[0];
    track.stop();
    track.dispatchEvent(new Event('ended')); // stop() alone does not fire 'ended' (only device loss does)
    await waitFor(() => byTestId(el.shadowRoot!, 'camera-state')?.textContent === 'ended', 'ended state');
    const retry = byTestId(el.shadowRoot!, 'camera-action')!;
    assertEqual(retry.textContent?.trim(), 'Try again');
    retry.click();
    await waitFor(() => el.state === 'live', 'live after retry');
  });

  it('shows no torch or zoom control where the track offers none', async () => {
    el = mount();
    await waitFor(() => el.state === 'live', 'live');
    await el.updateComplete;
    assert(!byTestId(el.shadowRoot!, 'torch'), 'no torch button on the fake camera');
    assert(!byTestId(el.shadowRoot!, 'zoom'), 'no zoom control on the fake camera');
  });

  it('zooms in on request where the track offers zoom, up to its maximum', async () => {
    // The fake camera has no zoom: give its track the capability a phone's rear camera reports.
    const proto = MediaStreamTrack.prototype;
    const caps = Object.getOwnPropertyDescriptor(proto, 'getCapabilities')!;
    const apply = Object.getOwnPropertyDescriptor(proto, 'applyConstraints')!;
    const applied: unknown[] = [];
    proto.getCapabilities = function () {
      return { ...caps.value.call(this), zoom: { min: 1, max: 3, step: 0.1 } };
    };
    proto.applyConstraints = async (c?: MediaTrackConstraints) => void applied.push(c);
    try {
      el = mount();
      await waitFor(() => el.state === 'live', 'live');
      assert(el.canZoomIn, 'can zoom in at 1x of 1-3x');
      await el.zoomIn();
      assertEqual(el.zoom, 2);
      await el.zoomIn();
      assertEqual(el.zoom, 3, 'capped at the maximum');
      assert(!el.canZoomIn, 'no further zoom at the maximum');
      assertEqual(JSON.stringify(applied), JSON.stringify([{ advanced: [{ zoom: 2 }] }, { advanced: [{ zoom: 3 }] }]));
    } finally {
      Object.defineProperty(proto, 'getCapabilities', caps);
      Object.defineProperty(proto, 'applyConstraints', apply);
    }
  });

  it('cannot zoom in where the track offers no zoom', async () => {
    el = mount();
    await waitFor(() => el.state === 'live', 'live');
    assert(!el.canZoomIn, 'no zoom on the fake camera');
    await el.zoomIn();
    assertEqual(el.zoom, 1);
  });
});
