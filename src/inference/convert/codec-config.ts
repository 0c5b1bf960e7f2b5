// EnCodec geometry from a Hugging Face config.json (facebook/encodec_32khz layout).
import fs from 'node:fs';
import { AppError } from '../../shared/errors';
import type { CodecConfig } from '../bundle/types';

/** Parses HF EncodecConfig JSON into the bundle's codec geometry. */
export function codecConfigFromJson(json: unknown, label: string): CodecConfig {
  const c = json as Record<string, unknown>;
  const num = (k: string, fallback?: number): number => {
    const v = c[k] ?? fallback;
    if (typeof v !== 'number')
      throw new AppError('invalid-input', `${label}: "${k}" missing or not a number`);
    return v;
  };
  if (c.model_type !== 'encodec')
    throw new AppError('invalid-input', `${label}: model_type is ${String(c.model_type)}, expected encodec`);
  if ((c.norm_type ?? 'weight_norm') !== 'weight_norm')
    throw new AppError(
      'invalid-input',
      `${label}: norm_type ${String(c.norm_type)} is not supported (weight_norm only)`,
    );
  if (c.normalize) throw new AppError('invalid-input', `${label}: normalize=true codecs are not supported`);
  if (c.use_conv_shortcut)
    throw new AppError('invalid-input', `${label}: use_conv_shortcut=true is not supported`);
  const ratios = c.upsampling_ratios as number[];
  if (!Array.isArray(ratios) || ratios.length === 0)
    throw new AppError('invalid-input', `${label}: upsampling_ratios missing`);
  const hopLength = ratios.reduce((a, b) => a * b, 1);
  const sampleRate = num('sampling_rate');
  const frameRate = Math.ceil(sampleRate / hopLength);
  const codebookSize = num('codebook_size');
  const bandwidths = (c.target_bandwidths as number[] | undefined) ?? [];
  const bw = bandwidths.length ? bandwidths[0] : NaN;
  const numCodebooks = Number.isFinite(bw)
    ? Math.floor((bw * 1000) / (frameRate * Math.log2(codebookSize)))
    : 4;
  return {
    sampleRate,
    channels: num('audio_channels', 1),
    hiddenSize: num('hidden_size'),
    numFilters: num('num_filters'),
    upsamplingRatios: ratios,
    hopLength,
    frameRate,
    codebookSize,
    numCodebooks,
    codebookDim: num('codebook_dim', num('hidden_size')),
    numLstmLayers: num('num_lstm_layers'),
    kernelSize: num('kernel_size'),
    lastKernelSize: num('last_kernel_size'),
    residualKernelSize: num('residual_kernel_size'),
    dilationGrowthRate: num('dilation_growth_rate'),
    numResidualLayers: num('num_residual_layers'),
    compress: num('compress'),
    padMode: String(c.pad_mode ?? 'reflect'),
    useCausalConv: Boolean(c.use_causal_conv),
  };
}

/** Reads `<dir>/config.json`. */
export function readCodecConfig(dir: string): CodecConfig {
  const file = `${dir}/config.json`;
  if (!fs.existsSync(file)) throw new AppError('not-found', `${file}: codec config.json not found`);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('invalid-input', `${file}: not valid JSON (${(e as Error).message})`);
  }
  return codecConfigFromJson(json, file);
}
