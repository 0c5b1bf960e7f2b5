// The PyTorch peer, run in the same benchmark so ratios compare two programs on the same machine at the same
// moment. Its script is given by `--peer FILE` or $VIDMUSE_TORCH_PEER (a plain-PyTorch VidMuse); absent, the
// benchmark prints no ratio. The interpreter is $VIDMUSE_PEER_PYTHON, else the script's own #! line (the
// Python that has torch: a `python3` first on PATH may be another one), else python3.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** The peer's figures that the benchmark compares with. */
export interface PeerFigures {
  steps_per_s: number;
  total_s: number;
  rtf: number;
  peak_rss_mib: number;
  command: string;
}

/** What the peer is asked to run: the same case as ours. */
export interface PeerCase {
  geometry: string;
  seconds: number;
  windowFrames: number;
  globalFrames: number;
  threads: number;
}

/** Runs the peer's --bench (greedy, fp32) and returns its figures; throws with its stderr when it fails. */
export function runPeer(script: string, c: PeerCase): PeerFigures {
  const args = [
    script,
    '--bench',
    '--preset',
    c.geometry,
    '--seconds',
    String(c.seconds),
    '--window-frames',
    String(c.windowFrames),
    '--global-frames',
    String(c.globalFrames),
    '--threads',
    String(c.threads),
    '--greedy',
  ];
  const python = process.env.VIDMUSE_PEER_PYTHON ?? shebangOf(script) ?? 'python3';
  const r = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const last = r.stdout?.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{'))
    throw new Error(`the peer failed (exit ${r.status}): ${(r.stderr ?? '').trim().slice(-2000)}`);
  const j = JSON.parse(last) as Omit<PeerFigures, 'command'>;
  return {
    steps_per_s: j.steps_per_s,
    total_s: j.total_s,
    rtf: j.rtf,
    peak_rss_mib: j.peak_rss_mib,
    command: `${python} ${['torch_peer.py', ...args.slice(1)].join(' ')}`,
  };
}

/** The interpreter named by a script's first line (`#!/path/python3`), or null. */
function shebangOf(script: string): string | null {
  const first = fs.readFileSync(script, 'utf8').split('\n', 1)[0] ?? '';
  const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
  if (!m) return null;
  return m[1]!.endsWith('/env') ? (m[2] ?? null) : m[1]!;
}
