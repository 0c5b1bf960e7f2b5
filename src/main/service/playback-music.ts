// What the editor's playback mixes, rendered by the export's code: each run of continuous windows is decoded
// once (through the run cache, so an edit decodes only the runs it changed) and served as a WAV; a window
// alone plays its take's own WAV. The renderer places the clips and crossfades the seams between them with
// the shared run mix, so it hears the export's mixdown before loudness.
import type { PlaybackClip, PlaybackMix } from '../../shared/domain';
import type { JobOptions } from '../../shared/progress';
import { runCrossfades } from '../../shared/timeline/run-clips';
import type { RunCache } from './run-cache';
import { decodeRun, projectRunKey, projectRuns, type MusicSources } from './project-music';

/** The playback clips of a project; `audition` maps window ids to the takes heard in their place. */
export async function playbackMix(
  src: MusicSources & { runs: RunCache },
  projectId: string,
  audition: ReadonlyMap<string, string>,
  mediaUrl: (file: string) => string,
  opts: JobOptions = {},
): Promise<PlaybackMix> {
  const pr = projectRuns(src, projectId, audition);
  const clips: PlaybackClip[] = [];
  for (const run of pr.runs) {
    const take = pr.takes[run.first];
    let url: string | null = null;
    if (run.first !== run.last) {
      await decodeRun(src, pr, run, opts);
      url = mediaUrl(src.runs.file(projectRunKey(pr, run)));
    } else if (take) url = mediaUrl(src.files.path(take.audio_hash, 'wav'));
    clips.push({
      firstWindow: run.first,
      lastWindow: run.last,
      startSample: pr.windows[run.first]!.start,
      url,
    });
  }
  return { clips, crossfades: runCrossfades(pr.runs) };
}
