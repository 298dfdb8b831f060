/** Model download progress that moves with the bytes received, not with whole files. */

/**
 * Sums the bytes received of each file against the files' total size (from latest.json) and
 * calls `report` with the fraction each time it passes another whole percent.
 */
export function downloadProgress(
  files: Record<string, { size: number }>,
  report: (fraction: number) => void,
): (name: string, received: number) => void {
  const total = Object.values(files).reduce((n, f) => n + f.size, 0) || 1;
  const received = new Map<string, number>();
  let shown = -1;
  return (name, bytes) => {
    // A file read again (a fallback backend) does not move the bar back.
    received.set(name, Math.max(received.get(name) ?? 0, bytes));
    let sum = 0;
    for (const n of received.values()) sum += n;
    const percent = Math.min(100, Math.floor((sum / total) * 100));
    if (percent === shown) return;
    shown = percent;
    report(percent / 100);
  };
}
