import { css } from 'lit';
import { buttonStyles } from '../styles/buttons.js';

/** <camera-view>'s layout: the video filling its box, the state messages and the camera controls. */
export const cameraViewStyles = [
  buttonStyles,
  css`
    :host {
      position: relative;
      display: block;
      background: #000;
      overflow: hidden;
    }
    video {
      width: 100%;
      height: 100%;
      object-fit: cover;
      display: block;
    }
    .message {
      position: absolute;
      inset: 0;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 0.75rem;
      padding: 2rem;
      text-align: center;
      color: #fff;
      background: rgb(0 0 0 / 0.75);
    }
    .message h2 {
      margin: 0;
      font-size: 1.25rem;
    }
    .message p {
      margin: 0;
      max-width: 28rem;
      line-height: 1.4;
    }
    button {
      background: #ffd84d;
      color: #111;
    }
    .controls {
      position: absolute;
      right: 0.75rem;
      top: 0.75rem;
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      align-items: flex-end;
    }
    .controls button {
      background: rgb(0 0 0 / 0.55);
      color: #fff;
    }
    .controls button[aria-pressed='true'] {
      background: #ffd84d;
      color: #111;
    }
  `,
];
