import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReactiveControllerHost } from 'lit';
import type { FoundNumber } from '../../src/detector/whole-frame.js';
import { CONFIRM_FRAMES, FOUND_BUZZ, FindController, LOST_FRAMES } from '../../src/find/find-controller.js';
import { isWanted, sideOf, wantedNumber } from '../../src/find/find-match.js';

/** A number in a 1280 px wide frame, its middle at `cx`. */
const number = (reading: string, cx = 640, text?: string): FoundNumber => ({
  reading,
  text,
  score: 0.9,
  boxes: [],
  box: { x: cx - 40, y: 300, w: 80, h: 40 },
});

const host: ReactiveControllerHost = {
  addController: () => undefined,
  removeController: () => undefined,
  requestUpdate: () => undefined,
  updateComplete: Promise.resolve(true),
};

/** A controller looking for `wanted`, recording what it said, buzzed and kept. */
function finder(wanted: string) {
  const said: string[] = [];
  const buzzes: number[][] = [];
  const kept: string[] = [];
  const find = new FindController(host, {
    load: () => wanted,
    save: (w) => void kept.push(w),
    vibrate: (p) => void buzzes.push(p),
    speech: { say: (t) => void said.push(t), words: (t) => `<${t}>` },
  });
  return { find, said, buzzes, kept };
}

describe('Find: what counts as the wanted number', () => {
  it('takes a number as typed, written as the reader writes it; refuses what is not one', () => {
    assert.equal(wantedNumber(' 40-2 '), '402');
    assert.equal(wantedNumber('12b'), '12B');
    assert.equal(wantedNumber('abc'), null, 'no digit');
    assert.equal(wantedNumber('4/2'), null, 'other characters');
    assert.equal(wantedNumber('12345678901'), null, 'too long');
  });

  it('matches the whole number only, the letter included where the reader read one', () => {
    assert.equal(isWanted(number('402'), '402'), true);
    assert.equal(isWanted(number('4021'), '402'), false, '"402" is not "4021"');
    assert.equal(isWanted(number('402'), '4021'), false, 'nor the other way round');
    assert.equal(isWanted(number('402', 0, '402B'), '402'), false, '"402" is not the "402B" door');
    assert.equal(isWanted(number('402', 0, '402B'), '402B'), true);
    assert.equal(isWanted(number('402'), '402B'), false, 'a wanted "402B" needs its letter');
    assert.equal(isWanted(number('4021', 0, '402'), '402'), true, "the reader's full text counts over the detector's digits");
  });

  it('says left, ahead or right by the third of the frame the number is in', () => {
    assert.equal(sideOf(number('1', 200).box, 1280), 'left');
    assert.equal(sideOf(number('1', 640).box, 1280), 'ahead');
    assert.equal(sideOf(number('1', 1100).box, 1280), 'right');
  });
});

describe('FindController', () => {
  it('alerts once when the number comes into view, keeps it marked through a flicker, again once it was gone', () => {
    const { find, said, buzzes } = finder('402');
    const view = [number('85', 300), number('402', 1000)];
    find.frame(view, 1280);
    assert.equal(find.box, null, `not before ${CONFIRM_FRAMES} frames`);
    for (let i = 1; i < CONFIRM_FRAMES; i++) find.frame(view, 1280);
    assert.deepEqual(find.box, view[1].box, 'marked');
    assert.equal(find.announcement, '402 found, right');
    assert.deepEqual(said, ['<402> found, right']);
    assert.deepEqual(buzzes, [FOUND_BUZZ]);

    for (let i = 0; i < LOST_FRAMES - 1; i++) find.frame([view[0]], 1280);
    find.frame(view, 1280);
    assert.deepEqual(find.box, view[1].box, 'still marked after a flicker');
    assert.equal(said.length, 1, 'no second alert while it stays');

    for (let i = 0; i < LOST_FRAMES; i++) find.frame([view[0]], 1280);
    assert.equal(find.box, null, 'gone');
    assert.equal(find.announcement, '');
    for (let i = 0; i < CONFIRM_FRAMES; i++) find.frame([number('402', 100)], 1280);
    assert.deepEqual(said, ['<402> found, right', '<402> found, left'], 'back in view: said again');
    assert.equal(buzzes.length, 2);
  });

  it('stays quiet while the number is not seen, and does nothing while off; set and clear are kept', () => {
    const { find, said, buzzes, kept } = finder('402');
    for (let i = 0; i < 20; i++) find.frame([number('4021'), number('40')], 1280);
    assert.equal(find.box, null);
    assert.deepEqual(said, []);
    assert.deepEqual(buzzes, []);
    find.set('');
    assert.equal(find.active, false);
    for (let i = 0; i < 5; i++) find.frame([number('402')], 1280);
    assert.deepEqual(said, [], 'Find off');
    find.set('85');
    assert.deepEqual(kept, ['', '85']);
  });
});
