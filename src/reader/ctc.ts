/** CTC greedy decoding, as models/training/digitlens/reader/charset.py's greedy_decode. */

export interface LineText {
  /** Everything read: digits, letters, separators ("502B", "12-14"). */
  text: string;
  /** Probability of each printed character (the best step of its run). */
  confidences: number[];
  /** Centre of each character's run as a fraction of the input width: where it sits along the crop. */
  centres: number[];
}

/**
 * probs: softmax scores [steps, classes] row-major, class 0 = blank, class k = charset[k - 1].
 * Best class per step; runs of the same class give one character; blanks separate repeats.
 */
export function greedyDecode(probs: ArrayLike<number>, steps: number, classes: number, charset: string): LineText {
  let text = '';
  const confidences: number[] = [];
  const firsts: number[] = [];
  const lasts: number[] = [];
  let prev = 0;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let p = probs[t * classes];
    for (let c = 1; c < classes; c++) {
      const v = probs[t * classes + c];
      if (v > p) {
        p = v;
        best = c;
      }
    }
    if (best !== 0 && best !== prev) {
      text += charset[best - 1];
      confidences.push(p);
      firsts.push(t);
      lasts.push(t);
    } else if (best !== 0 && best === prev) {
      confidences[confidences.length - 1] = Math.max(confidences[confidences.length - 1], p);
      lasts[lasts.length - 1] = t;
    }
    prev = best;
  }
  return { text, confidences, centres: firsts.map((f, i) => (f + lasts[i] + 1) / 2 / steps) };
}

export const digitsOf = (text: string): string => text.replace(/[^0-9]/g, '');
