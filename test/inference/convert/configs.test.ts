import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codecConfigFromJson, readCodecConfig } from '../../../src/inference/convert/codec-config';
import { openLmCheckpoint } from '../../../src/inference/convert/lm-checkpoint';
import { lmConfigFromCheckpoint } from '../../../src/inference/convert/lm-config';
import { FIXTURE } from './helpers';

describe('model geometry', () => {
  it('reads the fixture LM geometry from xp.cfg and the tensor shapes', () => {
    const ck = openLmCheckpoint(path.join(FIXTURE, 'lm/state_dict.bin'));
    const c = lmConfigFromCheckpoint(ck.xpCfg, ck.weights, 'fixture');
    ck.close();
    expect(c.lm).toEqual({
      dim: 64,
      numHeads: 4,
      numLayers: 2,
      ffnDim: 256,
      card: 64,
      nQ: 4,
      delays: [0, 1, 2, 3],
      temporalDim: 48,
      lstvDepth: 2,
      lstvHeads: 4,
      lstvDimHead: 64,
      lstvMlpDim: 192,
      fusionHeads: 3,
      layerNormEps: 1e-5,
    });
    expect(c.clip).toEqual({
      hiddenSize: 48,
      intermediateSize: 192,
      numLayers: 2,
      numHeads: 4,
      imageSize: 32,
      patchSize: 16,
      layerNormEps: 1e-5,
      tokensPerFrame: 5,
    });
    expect(c.trainingGeneration).toEqual({ temperature: 1, topK: 250, topP: 0, cfgCoef: 3 });
    expect(c.sampleRate).toBe(32000);
  });

  it('refuses an xp.cfg that contradicts the tensors', () => {
    const ck = openLmCheckpoint(path.join(FIXTURE, 'lm/state_dict.bin'));
    const bad = ck.xpCfg.replace(/\n {2}card: 64\n/, '\n  card: 2048\n');
    expect(() => lmConfigFromCheckpoint(bad, ck.weights, 'fx')).toThrow(
      'fx: emb.0.weight has shape [65,64] but xp.cfg implies [2049,64]',
    );
    expect(() => lmConfigFromCheckpoint('a: [', ck.weights, 'fx')).toThrow(/fx: xp.cfg is not valid YAML/);
    ck.close();
  });

  it('reads the HF codec config (50 Hz, 4 codebooks at 2.2 kbps)', () => {
    const c = readCodecConfig(path.join(FIXTURE, 'codec'));
    expect(c).toMatchObject({
      sampleRate: 32000,
      hopLength: 640,
      frameRate: 50,
      numCodebooks: 4,
      codebookSize: 2048,
      hiddenSize: 16,
      numFilters: 4,
      padMode: 'reflect',
    });
    expect(() => codecConfigFromJson({ model_type: 'bert' }, 'c.json')).toThrow(
      'c.json: model_type is bert, expected encodec',
    );
  });
});
