// Compares the frame resize with torch's, on native frames of the sample video and on random pictures of
// other sizes: torch's bilinear kernel on a contiguous [1, 3, H, W] float32 picture, rounded to uint8 (what
// torchvision Resize((224, 224)) computes for a uint8 tensor; torch 2 runs this kernel for 3-channel pictures
// in any layout), and, where torchvision is installed, Resize itself on frames laid out as the official reader
// has them (decoded [N, H, W, C], permuted to [N, C, H, W]): torch 1.x sends that layout to its channels-last
// kernel, which rounds a few values differently. Prints the differing bytes per picture and way.
// Usage: npx tsx bench/resize-parity.ts [python]   (default /usr/bin/python3 with python3-torch and torchvision)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frameArgs } from '../src/inference/frames/extract-frames';
import { resizeRgb24ToPlanar } from '../src/inference/frames/resize-bilinear';
import { SAMPLE_VIDEO } from '../test/fixtures/paths';

const python = process.argv[2] ?? '/usr/bin/python3';
const OUT = 224;
const work = mkdtempSync(join(tmpdir(), 'vidmuse-resize-'));

const script = `
import json, sys, numpy as np, torch
def kernel(f):
    x = torch.nn.functional.interpolate(f[None].float().contiguous(), size=(${OUT}, ${OUT}), mode='bilinear', align_corners=False)
    return x.round().clamp(0, 255).to(torch.uint8)[0]
try:
    import torchvision.transforms as T
    reader = T.Resize((${OUT}, ${OUT}))
    print('torch', torch.__version__, 'torchvision', __import__('torchvision').__version__, file=sys.stderr)
except ImportError:
    reader = kernel
    print('torch', torch.__version__, '(no torchvision: both ways are the kernel)', file=sys.stderr)
for p in json.load(open(sys.argv[1])):
    hwc = np.fromfile(p['path'], dtype=np.uint8).reshape(1, p['h'], p['w'], 3)
    frames = torch.from_numpy(hwc).permute(0, 3, 1, 2)
    torch.stack([kernel(f) for f in frames]).numpy().tofile(p['path'] + '.kernel')
    torch.stack([reader(f) for f in frames]).numpy().tofile(p['path'] + '.reader')
`;

interface Picture {
  name: string;
  w: number;
  h: number;
  data: Uint8Array;
}

/** Native rgb24 frames of the sample (the frames the extractor resizes) plus seeded random pictures. */
function pictures(): Picture[] {
  const raw = execFileSync('ffmpeg', frameArgs(SAMPLE_VIDEO, { fps: 2 }), { maxBuffer: 1 << 28 });
  const size = 1280 * 720 * 3;
  const out: Picture[] = [0, 4, 10].map((i) => ({
    name: `sample frame ${i} (1280×720)`,
    w: 1280,
    h: 720,
    data: raw.subarray(i * size, (i + 1) * size),
  }));
  let s = 12345;
  const rand = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 16) & 255;
  for (const [w, h] of [
    [97, 55],
    [640, 360],
    [300, 500],
    [224, 224],
    [100, 150],
    [1920, 1080],
  ] as const)
    out.push({ name: `random ${w}×${h}`, w, h, data: Uint8Array.from({ length: w * h * 3 }, rand) });
  return out;
}

const pics = pictures();
const list = pics.map((p, i) => {
  const path = join(work, `p${i}.rgb`);
  writeFileSync(path, p.data);
  return { path, w: p.w, h: p.h };
});
writeFileSync(join(work, 'list.json'), JSON.stringify(list));
writeFileSync(join(work, 'resize.py'), script);
execFileSync(python, [join(work, 'resize.py'), join(work, 'list.json')], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
/** Bytes that differ and the largest difference. */
function compare(a: Uint8Array, b: Uint8Array): [number, number] {
  let diff = 0;
  let max = 0;
  for (let j = 0; j < a.length; j++) {
    const d = Math.abs(a[j]! - b[j]!);
    if (d) diff++;
    max = Math.max(max, d);
  }
  return [diff, max];
}

const total = { kernel: 0, reader: 0 };
for (const [i, p] of pics.entries()) {
  const ours = new Uint8Array(3 * OUT * OUT);
  resizeRgb24ToPlanar(p.data, p.w, p.h, OUT, OUT, ours, 0);
  const [k, km] = compare(ours, readFileSync(list[i]!.path + '.kernel'));
  const [r, rm] = compare(ours, readFileSync(list[i]!.path + '.reader'));
  total.kernel += k;
  total.reader += r;
  console.log(
    `${p.name.padEnd(28)} of ${ours.length} bytes: kernel ${k} differ (max ${km}), reader ${r} (max ${rm})`,
  );
}
console.log(JSON.stringify({ pictures: pics.length, differingBytes: total }));
rmSync(work, { recursive: true, force: true });
