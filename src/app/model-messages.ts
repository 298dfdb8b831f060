/** What the user reads when the model cannot run: what happened and what to do, in plain words. */
export const MODEL_MESSAGES = {
  notSaved: 'The digit model is not on this device yet. Connect to the internet once so it can be saved for offline use.',
  damaged: 'Model files damaged — connect once to repair.',
  refused: 'The digit model did not pass its safety checks, so it was not used. Try again later.',
  unavailable: 'The digit model could not be downloaded. Check your connection, then try again.',
  failed: 'The digit model could not start on this device. Try again, or reload the app.',
};
