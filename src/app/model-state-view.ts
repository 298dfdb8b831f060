import { html } from 'lit';
import type { ModelController } from './model-controller.js';
import type { NoticeController } from './notice-controller.js';

/**
 * The line over the bottom of the view: the model loading (with its progress, then "Starting…"
 * while it warms up), why it is not ready (with Try again), a newer model to switch to, or else
 * the current notice.
 */
export function modelStateView(model: ModelController, notices: NoticeController) {
  if (model.state === 'loading') {
    // Every byte is in and the model is warming up: say so, rather than sit at 100 %.
    if (model.progress >= 1) return html`<div class="model" role="status" data-testid="model-loading">Starting…</div>`;
    return html`<div class="model" role="status" data-testid="model-loading">
      Loading the digit model… ${Math.round(model.progress * 100)}%
      <progress max="1" .value=${model.progress}></progress>
    </div>`;
  }
  if (!model.ready) {
    return html`<div class="model" role="alert">
      <span data-testid="model-error">${model.message}</span>
      <button @click=${() => model.retry()} data-testid="model-retry">Try again</button>
    </div>`;
  }
  if (model.update) {
    return html`<div class="model" role="status" data-testid="model-update">
      New model ready (${model.update.version}) —
      <button @click=${() => void model.switchModel()} data-testid="model-switch">Switch</button>
    </div>`;
  }
  return notices.render();
}
