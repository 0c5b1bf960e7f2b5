// The exporter used when the transport supplies none: writes the music as a float WAV via the file-store
// atomic writer (temp name, fsync, rename). Video muxing belongs to the export module.
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors';
import { writeFileAtomic } from '../store/file-store';
import type { ExportRunner } from './export-job';
import { encodeWavFloat } from './wav';

/** Exports WAV only; other formats need the export module. */
export const defaultExporter: ExportRunner = async (req, { signal, onProgress }) => {
  if (req.options.format !== 'wav') throw new AppError('invalid-input', `Export to ${req.options.format} is not available in this build.`);
  if (signal?.aborted) throw new AppError('cancelled', 'Cancelled');
  onProgress?.({ stage: 'write', done: 0, total: 1, etaSeconds: null });
  writeFileAtomic(req.options.outputPath, dirname(req.options.outputPath), encodeWavFloat(req.music, req.sampleRate));
  onProgress?.({ stage: 'write', done: 1, total: 1, etaSeconds: 0 });
  return req.options.outputPath;
};
