// Fails early, with the command to run, when the machine lacks what npm test needs.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const missing = [];
// Vite 8 (and so the build and the browser tests) runs on Node 20.19+ or 22.12+.
const [major, minor] = process.versions.node.split('.').map(Number);
if (!((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22))
  missing.push(`Node 20.19+ or 22.12+ (this is ${process.versions.node}): https://nodejs.org/`);
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(chrome))
  missing.push(`Chromium at ${chrome}: sudo apt-get install -y chromium (or set CHROME_PATH to another Chromium/Chrome)`);
try {
  execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
} catch {
  missing.push('ffmpeg (makes the fake-camera fixtures): sudo apt-get install -y ffmpeg');
}
const py = process.env.PYTHON ?? '/usr/bin/python3';
try {
  execFileSync(py, ['-c', 'import torch, torchvision, numpy, PIL'], { stdio: 'ignore' });
} catch {
  missing.push(
    `PyTorch for the training-pipeline tests (${py}): sudo apt-get install -y --no-install-recommends python3-torch python3-torchvision python3-numpy python3-pil`,
  );
}
try {
  // ruff is not packaged in Debian 12; pyflakes is, and catches the same unused/undefined names.
  execFileSync(py, ['-m', 'pyflakes', '--version'], { stdio: 'ignore' });
} catch {
  missing.push(`pyflakes for the Python lint (${py}): sudo apt-get install -y python3-pyflakes`);
}
// The only fonts the test browser sees (test/fonts/fonts.conf).
if (!existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'))
  missing.push('fonts: sudo apt-get install -y fonts-dejavu');
if (!existsSync('/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf'))
  missing.push('fonts: sudo apt-get install -y fonts-liberation2');
if (missing.length) {
  console.error('npm test needs:\n  - ' + missing.join('\n  - ') + '\nOr run: bash .ci/run (installs all of it on Debian).');
  process.exit(1);
}
