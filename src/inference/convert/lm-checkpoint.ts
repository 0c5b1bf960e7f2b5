// The released LM checkpoint (audiocraft export): {'best_state': state_dict, 'xp.cfg': yaml, ...}.
import { AppError } from '../../shared/errors';
import { TorchCheckpoint, tensorsOf } from './torch-checkpoint';
import { MapWeightSource } from './weights';

/** An open LM export: its tensors (read lazily) and its xp.cfg text. */
export interface LmCheckpoint {
  weights: MapWeightSource;
  xpCfg: string;
  /** Bytes of tensor data in best_state. */
  tensorBytes: number;
  close(): void;
}

/** Opens `state_dict.bin` in the audiocraft export format. */
export function openLmCheckpoint(file: string): LmCheckpoint {
  const ckpt = new TorchCheckpoint(file);
  try {
    const root = ckpt.root;
    if (!(root instanceof Map) || !root.has('best_state'))
      throw new AppError('invalid-input', `${file}: not an audiocraft export (no 'best_state' entry)`);
    const cfg = root.get('xp.cfg');
    if (typeof cfg !== 'string')
      throw new AppError('invalid-input', `${file}: the export has no 'xp.cfg' YAML string`);
    const tensors = tensorsOf(root.get('best_state'), `${file}: best_state`);
    if (tensors.length === 0) throw new AppError('invalid-input', `${file}: best_state holds no tensors`);
    const tensorBytes = tensors.reduce((s, t) => s + t.readBytesLength(), 0);
    return {
      weights: new MapWeightSource(tensors, file),
      xpCfg: cfg,
      tensorBytes,
      close: () => ckpt.close(),
    };
  } catch (e) {
    ckpt.close();
    throw e;
  }
}
