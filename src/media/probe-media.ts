// Reads a video's metadata with ffprobe, turning every way a file can be unusable into a specific AppError.
import { stat } from 'node:fs/promises';
import { AppError } from '../shared/errors';
import type { MediaInfo } from '../shared/media';
import type { AbortSignalLike } from '../shared/progress';
import { parseProbe, type ProbeJson } from './parse-probe';
import { ProcessError, runProcess } from './process';
import { toolPath } from './tools';

// ffprobe only reads the headers; these stderr phrases are how it reports a file cut short or not media at all.
const TRUNCATED = /partial file|moov atom not found|Invalid data found|End of file|truncat/i;

/** Metadata of a video file (duration, display size, frame rate, audio yes/no); throws AppError if unusable. */
export async function probeMedia(path: string, opts: { signal?: AbortSignalLike } = {}): Promise<MediaInfo> {
  const bytes = await fileSize(path);
  if (bytes === 0) throw new AppError('empty-media', `${path} is an empty file`);
  // -count_packets demuxes the whole file (no decoding): exact frame counts, and a cut-off file shows as "partial file".
  const args = [
    '-v',
    'error',
    '-count_packets',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    path,
  ];
  let stdout: Buffer;
  let stderr: string[];
  try {
    ({ stdout, stderrTail: stderr } = await runProcess(toolPath('ffprobe'), args, { signal: opts.signal }));
  } catch (e) {
    if (e instanceof ProcessError) throw unreadable(path, e.stderrTail, e.details);
    throw e;
  }
  if (stderr.some((l) => /partial file/i.test(l))) throw unreadable(path, stderr);
  let json: ProbeJson;
  try {
    json = JSON.parse(stdout.toString('utf8')) as ProbeJson;
  } catch {
    throw new AppError('unreadable-media', `${path}: ffprobe gave no readable answer`);
  }
  if (!json.streams?.length)
    throw new AppError('unreadable-media', `${path} is not a media file ffmpeg can read`);
  return parseProbe(json, path, bytes);
}

async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new AppError('invalid-input', `${path} is not a file`);
    return s.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('not-found', `${path} does not exist`);
    throw new AppError('unreadable-media', `${path} cannot be read (${code ?? 'error'})`);
  }
}

function unreadable(path: string, stderr: string[], details = stderr.join('\n')): AppError {
  // ffprobe prefixes its last line with the path the message already names.
  const detail = (stderr.slice(-1)[0] ?? '').replace(`${path}: `, '');
  if (stderr.some((l) => TRUNCATED.test(l)))
    return new AppError(
      'unreadable-media',
      `${path} is truncated or is not a media file (${detail.trim()})`,
      details,
    );
  return new AppError(
    'unreadable-media',
    `${path} cannot be read as media (${detail.trim() || 'ffprobe failed'})`,
    details,
  );
}
