// Structural validation of model.json: every field the engine relies on, with errors naming the field.
import { AppError } from '../../shared/errors';
import type { BundleManifest } from './types';

type Obj = Record<string, unknown>;

const SECTIONS: Record<string, Record<string, 'number' | 'string' | 'boolean' | 'array'>> = {
  '': {
    format: 'number',
    id: 'string',
    name: 'string',
    licence: 'string',
    source: 'string',
    trained: 'boolean',
    createdBy: 'string',
    graphs: 'array',
  },
  video: {
    fps: 'number',
    imageSize: 'number',
    mean: 'array',
    std: 'array',
    tokensPerFrame: 'number',
    globalFrames: 'number',
    maxWindowSeconds: 'number',
  },
  audio: {
    sampleRate: 'number',
    channels: 'number',
    frameRate: 'number',
    hopLength: 'number',
    codebooks: 'number',
    card: 'number',
    specialToken: 'number',
    delays: 'array',
  },
  lm: {
    dim: 'number',
    numHeads: 'number',
    numLayers: 'number',
    ffnDim: 'number',
    card: 'number',
    nQ: 'number',
    delays: 'array',
    temporalDim: 'number',
  },
  clip: {
    hiddenSize: 'number',
    numLayers: 'number',
    numHeads: 'number',
    imageSize: 'number',
    patchSize: 'number',
    tokensPerFrame: 'number',
  },
  codec: {
    sampleRate: 'number',
    hopLength: 'number',
    frameRate: 'number',
    codebookSize: 'number',
    numCodebooks: 'number',
  },
  generation: {
    temperature: 'number',
    topK: 'number',
    topP: 'number',
    cfgCoef: 'number',
    windowSeconds: 'number',
    overlapSeconds: 'number',
  },
};

const GRAPH_FIELDS: Record<string, 'number' | 'string' | 'array'> = {
  role: 'string',
  variant: 'string',
  file: 'string',
  sha256: 'string',
  bytes: 'number',
  inputs: 'array',
  outputs: 'array',
};

const FIGURE_FIELDS: Record<string, 'number' | 'boolean'> = {
  relRmsLogitsError: 'number',
  argmaxAgreement: 'number',
  passed: 'boolean',
};

/** Checks a parsed model.json; throws AppError('bad-bundle') naming the file and the field. */
export function validateManifest(json: unknown, file: string): BundleManifest {
  const fail = (why: string): never => {
    throw new AppError('bad-bundle', `${file}: ${why}`);
  };
  if (!json || typeof json !== 'object') fail('not a JSON object');
  const m = json as Obj;
  if (m.format !== 1) fail(`unsupported bundle format ${JSON.stringify(m.format)} (this app reads format 1)`);
  for (const [section, fields] of Object.entries(SECTIONS)) {
    const o = section ? (m[section] as Obj | undefined) : m;
    if (!o || typeof o !== 'object') fail(`missing section "${section}"`);
    for (const [k, t] of Object.entries(fields)) checkField(o as Obj, k, t, section, fail);
  }
  const graphs = m.graphs as Obj[];
  if (graphs.length === 0) fail('lists no graphs');
  graphs.forEach((g, i) => {
    for (const [k, t] of Object.entries(GRAPH_FIELDS)) checkField(g, k, t, `graphs[${i}]`, fail);
    if (!/^[0-9a-f]{64}$/.test(String(g.sha256))) fail(`graphs[${i}].sha256 is not a sha256 hex digest`);
    if (String(g.file).includes('/') || String(g.file).includes('\\'))
      fail(`graphs[${i}].file must be a plain file name`);
  });
  if (m.precision !== undefined) checkPrecision(m.precision, fail);
  return m as unknown as BundleManifest;
}

/** The precision gate's record, when there is one: the default variant and each variant's figures. */
function checkPrecision(p: unknown, fail: (why: string) => never): void {
  if (!p || typeof p !== 'object') fail('field precision is not an object');
  const r = p as Obj;
  checkField(r, 'default', 'string', 'precision', fail);
  if (!r.measured || typeof r.measured !== 'object' || Array.isArray(r.measured))
    fail('field precision.measured is missing or not an object');
  checkFigures(r.measured as Obj, 'precision.measured', fail);
  if (r.provider !== undefined) checkField(r, 'provider', 'string', 'precision', fail);
  if (r.byProvider === undefined) return;
  if (!r.byProvider || typeof r.byProvider !== 'object') fail('field precision.byProvider is not an object');
  for (const [name, g] of Object.entries(r.byProvider as Obj)) {
    const section = `precision.byProvider.${name}`;
    if (!g || typeof g !== 'object') fail(`field ${section} is not an object`);
    checkField(g as Obj, 'default', 'string', section, fail);
    if (!(g as Obj).measured || typeof (g as Obj).measured !== 'object')
      fail(`field ${section}.measured is missing or not an object`);
    checkFigures((g as Obj).measured as Obj, `${section}.measured`, fail);
  }
}

/** Each variant's figures of a gate record. */
function checkFigures(measured: Obj, at: string, fail: (why: string) => never): void {
  for (const [variant, f] of Object.entries(measured)) {
    const section = `${at}.${variant}`;
    if (!f || typeof f !== 'object') fail(`field ${section} is not an object`);
    for (const [k, t] of Object.entries(FIGURE_FIELDS)) checkField(f as Obj, k, t, section, fail);
  }
}

function checkField(o: Obj, k: string, t: string, section: string, fail: (why: string) => never): void {
  const v = o[k];
  const ok = t === 'array' ? Array.isArray(v) : typeof v === t && (t !== 'number' || Number.isFinite(v));
  if (!ok) fail(`field ${section ? `${section}.` : ''}${k} is missing or not a ${t}`);
}
