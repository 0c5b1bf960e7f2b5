// First step of `npm test`: the programs the tests run (ffmpeg and ffprobe for media, Chromium for the
// browser tests) must be there; when one is missing, stop with one line that says what to install.
import { chromiumPath } from '../test/e2e/chromium-path';
import { requireTools } from '../src/media/tools';

const missing: string[] = [];
try {
  await requireTools(['ffmpeg', 'ffprobe']);
} catch (e) {
  missing.push((e as Error).message);
}
if (!chromiumPath())
  missing.push(
    'chromium is not installed: install it with `sudo apt-get install chromium` (Debian) or `chromium-browser` (Ubuntu), or set VIDMUSE_CHROMIUM to a Chromium or Chrome executable',
  );
if (missing.length > 0) {
  process.stderr.write(`npm test cannot run: ${missing.join('; ')} (README › Setup lists everything)\n`);
  process.exit(1);
}
