// The mixdown plan of live playback: the clips main rendered (one per run of continuous windows, each run one
// codec decode like the export's) placed at their start samples, and the seams between runs crossfaded by the
// shared run mix, with a seam being dragged heard at its preview length and curve.
import type { PlaybackMix, ProjectState } from '../../shared/domain';
import type { MixdownPlan } from '../../shared/timeline/mixdown';
import { runMixPlan } from '../../shared/timeline/run-mix';
import type { SeamCurve } from '../../shared/timeline/seam-curve';

/** A temporary seam edit heard while dragging, before it is committed. */
export interface SeamPreview {
  index: number;
  lengthSamples: number;
  curve: SeamCurve;
}

/** The parts of the project the plan reads. */
export type PlaybackProject = Pick<ProjectState, 'sampleRate' | 'totalSamples' | 'windows' | 'seams'>;

/** The plan of `mix`; `pcmOf` gives a clip's samples by URL (null: not loaded, played as silence). */
export function playbackPlan(
  project: PlaybackProject,
  mix: PlaybackMix,
  pcmOf: (url: string) => Float32Array | null,
  preview: SeamPreview | null = null,
): MixdownPlan {
  const clips = mix.clips.map((c) => {
    const pcm = c.url ? pcmOf(c.url) : null;
    const length = project.windows[c.lastWindow]!.end - c.startSample;
    return { startSample: c.startSample, pcm: pcm ?? new Float32Array(length) };
  });
  const seams = project.seams.map((s) =>
    preview?.index === s.index ? { ...s, lengthSamples: preview.lengthSamples, curve: preview.curve } : s,
  );
  return runMixPlan({
    sampleRate: project.sampleRate,
    totalSamples: project.totalSamples,
    clips,
    seams,
    crossfades: mix.crossfades,
  });
}

/** What the clips depend on: the window ranges, the take each window plays and each seam's state. */
export function clipsKey(project: PlaybackProject, audition: Readonly<Record<string, string>>): string {
  return JSON.stringify([
    project.windows.map((w) => [w.id, w.start, w.end, audition[w.id] ?? w.selectedTakeId]),
    project.seams.map((s) => s.continuity),
  ]);
}

/** What the mix depends on beyond its clips: each seam's crossfade, with the preview. */
export function fadesKey(project: PlaybackProject, preview: SeamPreview | null): string {
  return JSON.stringify([
    project.totalSamples,
    project.seams.map((s) => [s.start, s.end, s.lengthSamples, s.curve]),
    preview,
  ]);
}
