/** Camera states shown to the user (and exposed as data-testid="camera-state" for tests). */
export type CameraState = 'idle' | 'asking' | 'live' | 'denied' | 'no-camera' | 'ended' | 'paused' | 'busy' | 'insecure';

export interface StateMessage {
  title: string;
  body: string;
  /** Label of the button offering a way forward, if any. */
  action?: 'retry' | 'photo';
}

/** Maps a getUserMedia failure to the state the user sees. */
export function stateForError(err: unknown): CameraState {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'no-camera';
  }
}

export function messageFor(state: CameraState): StateMessage | null {
  switch (state) {
    case 'asking':
      return { title: 'Allow the camera', body: 'Digit Lens reads numbers from the camera on this device. Nothing is uploaded.' };
    case 'denied':
      return {
        title: 'Camera access is off',
        body: 'Turn it on in your browser: tap the camera or lock icon next to the address, allow Camera, then try again. Or read a number from a photo.',
        action: 'retry',
      };
    case 'no-camera':
      return { title: 'No camera found', body: 'This device has no camera we can use. Choose a photo instead.', action: 'photo' };
    case 'busy':
      return { title: 'Camera is busy', body: 'Another app is using the camera. Close it, then try again.', action: 'retry' };
    case 'ended':
      return { title: 'Camera stopped', body: 'The camera was disconnected or stopped.', action: 'retry' };
    case 'insecure':
      return { title: 'Camera needs a secure page', body: 'Open Digit Lens over https:// or on localhost.', action: 'photo' };
    default:
      return null;
  }
}

/** Ideal-only constraints: exact ones throw OverconstrainedError on many devices. */
export function cameraConstraints(deviceId?: string): MediaStreamConstraints {
  return {
    audio: false,
    video: deviceId
      ? { deviceId: { exact: deviceId }, width: { ideal: 1280 }, height: { ideal: 720 } }
      : { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
  };
}
