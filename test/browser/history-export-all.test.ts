/**
 * Export is a backup of the whole history: every capture goes out, the reviewed ones marked, and
 * an import brings each back as it was: with its own capture time, reviewed or not.
 */
import { unzipSync } from 'fflate';
import type { AnnotationRecord } from '../../src/history/dataset-zip.js';
import { assert, assertEqual, waitFor } from '../helpers/assert.js';
import { closeHistory, freshHistory } from '../helpers/history-fixture.js';
import { captureRecord } from '../helpers/records.js';

async function jpeg(): Promise<Blob> {
  const c = new OffscreenCanvas(40, 30);
  const g = c.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, 40, 30);
  return c.convertToBlob({ type: 'image/jpeg' });
}

describe('export and import of the whole history', () => {
  it('exports every capture, reviewed ones marked, and imports them back with their capture time', async () => {
    const { store, view } = await freshHistory('digit-lens-export-all');
    const image = await jpeg();
    const predicted = [{ digit: 4, score: 0.9, x: 2, y: 3, w: 10, h: 20 }];
    await store.add(
      captureRecord('plain', { time: 1_600_000_000_000, reading: '4', predictions: predicted, width: 40, height: 30, image }),
    );
    await store.add(captureRecord('fixed', { time: 1_650_000_000_000, reading: '01', width: 40, height: 30, image }));
    await store.saveCorrection({
      captureId: 'fixed',
      reading: '101',
      boxes: [{ digit: 1, score: 1, x: 1, y: 1, w: 5, h: 9 }],
      confirmed: false,
      time: 1_700_000_000_000,
    });
    await view.reload();

    const file = await view.exportDataset('download');
    assert(file, `a file even though only one capture was reviewed (${view.message})`);
    assert(/^Exported 2 captures \(1 reviewed\)/.test(view.message), view.message);
    const records = JSON.parse(
      new TextDecoder().decode(unzipSync(new Uint8Array(await file.arrayBuffer()))['annotations.json']),
    ) as AnnotationRecord[];
    const byId = new Map(records.map((r) => [r.id, r]));
    assertEqual(records.length, 2, 'every capture exported');
    assertEqual(byId.get('plain')?.reviewed, false, 'the unreviewed capture is marked so');
    assertEqual(byId.get('fixed')?.reviewed, true, 'the reviewed one too');
    assertEqual(byId.get('plain')?.captureTime, 1_600_000_000_000);
    assertEqual(byId.get('fixed')?.captureTime, 1_650_000_000_000);
    closeHistory(store, view);

    const other = await freshHistory('digit-lens-export-all-import');
    await other.view.importDataset(file);
    assert(/^Imported 2, skipped 0/.test(other.view.message), other.view.message);
    const plain = await other.store.get('plain');
    const fixed = await other.store.get('fixed');
    assertEqual(plain?.time, 1_600_000_000_000, 'the capture time, not the import time');
    assertEqual(fixed?.time, 1_650_000_000_000, 'the capture time, not the review time');
    assertEqual(plain?.reading, '4');
    assertEqual(JSON.stringify(plain?.predictions), JSON.stringify(predicted));
    assertEqual(await other.store.getCorrection('plain'), undefined, 'an unreviewed capture stays unreviewed');
    assertEqual((await other.store.getCorrection('fixed'))?.reading, '101');
    assertEqual((await other.store.getCorrection('fixed'))?.time, 1_700_000_000_000, 'the review keeps its own time');
    await waitFor(() => other.view.items.length === 2, 'both listed');
    const dates = [...other.view.shadowRoot!.querySelectorAll('[data-testid="history-meta"]')].map((e) => e.textContent!);
    assert(dates[0].includes(new Date(1_650_000_000_000).toLocaleDateString()), `row shows the capture date: ${dates[0]}`);
    closeHistory(other.store, other.view);
  });
});
