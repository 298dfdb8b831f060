// Runs a digitlens Python module with Debian's interpreter (the python3 first on PATH may lack
// python3-torch), from models/training: `npm run train -- --run runs/v2 --steps 6000`.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const python = process.env.PYTHON ?? '/usr/bin/python3';
const cwd = resolve(import.meta.dirname, '../models/training');
const args = process.argv.slice(2).map((a, i, all) =>
  // Paths given relative to the repo root keep working from models/training.
  i > 0 && ['--corrections', '--init', '--weights', '--out'].includes(all[i - 1]) ? resolve(a) : a,
);
const r = spawnSync(python, ['-W', 'ignore::UserWarning', ...args], { cwd, stdio: 'inherit' });
if (r.error) {
  console.error(
    `${python}: ${r.error.message}. Install: sudo apt-get install python3-torch python3-torchvision python3-numpy python3-pil`,
  );
  process.exit(1);
}
process.exit(r.status ?? 1);
