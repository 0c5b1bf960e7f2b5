// Times the non-decoder stages of one window the way the app runs them: CLIP on the window's local frames
// plus one all-black frame (the null condition), CLIP on the global frames, the LSTV on the CFG batch, and
// the codec on the generated codes.
import { OrtSession, tensor, type RuntimeOptions } from '../src/inference/runtime/session';
import type { BenchFiles } from './bench-bundle';
import { VIT_B32 } from './bench-bundle';
import { randomMemory } from './decoder-bench';

/** Stage times in seconds and the video memory the decoder consumes. */
export interface FrontStages {
  clip_local: number;
  clip_global: number;
  lstv: number;
  memory: Float32Array;
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, (performance.now() - t0) / 1000];
}

/** CLIP hidden states [frames, 50, 768] of random pixel values. */
async function clipRun(s: OrtSession, frames: number, seed: number): Promise<Float32Array> {
  const px = randomMemory(frames, 3 * VIT_B32.imageSize, VIT_B32.imageSize, seed);
  const out = await s.run(
    { pixel_values: tensor('float32', px, [frames, 3, VIT_B32.imageSize, VIT_B32.imageSize]) },
    ['last_hidden_state'],
  );
  return out.last_hidden_state.data as Float32Array;
}

/** Runs CLIP (local + black frame, global) and the LSTV for a window of `localFrames` frames. */
export async function frontStages(
  files: BenchFiles,
  localFrames: number,
  globalFrames: number,
  rt: RuntimeOptions,
): Promise<FrontStages> {
  const clip = await OrtSession.load(files.clip, rt);
  const frame = VIT_B32.tokensPerFrame * VIT_B32.hiddenSize;
  let local: Float32Array;
  let global: Float32Array;
  let tl: number;
  let tg: number;
  try {
    [local, tl] = await timed(() => clipRun(clip, localFrames + 1, 11));
    [global, tg] = await timed(() => clipRun(clip, globalFrames, 12));
  } finally {
    await clip.dispose();
  }
  const black = local.subarray(localFrames * frame);
  const cfg = (cond: Float32Array, n: number): Float32Array => {
    const out = new Float32Array(2 * n * frame);
    out.set(cond.subarray(0, n * frame));
    for (let i = 0; i < n; i++) out.set(black, (n + i) * frame);
    return out;
  };
  const lstv = await OrtSession.load(files.lstv, rt);
  try {
    const [out, t] = await timed(() =>
      lstv.run(
        {
          local_hidden: tensor('float32', cfg(local, localFrames), [
            2,
            localFrames,
            VIT_B32.tokensPerFrame,
            VIT_B32.hiddenSize,
          ]),
          global_hidden: tensor('float32', cfg(global, globalFrames), [
            2,
            globalFrames,
            VIT_B32.tokensPerFrame,
            VIT_B32.hiddenSize,
          ]),
        },
        ['video_emb'],
      ),
    );
    return { clip_local: tl, clip_global: tg, lstv: t, memory: out.video_emb.data as Float32Array };
  } finally {
    await lstv.dispose();
  }
}

/** Decodes codes [1, 4, frames] to PCM and returns the seconds it took. */
export async function codecStage(files: BenchFiles, codes: Int32Array, rt: RuntimeOptions): Promise<number> {
  const s = await OrtSession.load(files.codec, rt);
  try {
    const [, t] = await timed(() =>
      s.run({ codes: tensor('int64', BigInt64Array.from(codes, BigInt), [1, 4, codes.length / 4]) }, [
        'waveform',
      ]),
    );
    return t;
  } finally {
    await s.dispose();
  }
}
