// Which decoder precision runs by default on a provider: the fastest variant that passed the precision gate
// against fp32 on that provider (shared by the engine, which runs it, and the editor, which shows it).

/**
 * Decoder variants fastest first on a provider. The CPU's order is the benchmark's (`npm run bench`); fp16
 * comes last there (the CPU provider computes float16 through casts to float32). On a GPU a step reads its
 * weights and K/V: fewest bytes first, with the int8-K/V variant left out (integer MatMuls and a host cache
 * are a CPU path).
 */
export function speedOrder(provider: string): readonly string[] {
  return provider === 'cpu' ? ['q4', 'q8-kv8', 'q8', 'fp32', 'fp16'] : ['q4', 'fp16', 'q8', 'fp32'];
}

/** The fastest variant in the provider's order that passed (fp32 when none did). */
export function defaultOf(measured: Readonly<Record<string, { passed: boolean }>>, provider: string): string {
  return speedOrder(provider).find((v) => measured[v]?.passed) ?? 'fp32';
}

/** The parts of a gate record that decide the default. */
export interface GateDefaults {
  default: string;
  /** The provider the record was measured on (absent: cpu). */
  provider?: string;
  measured: Readonly<Record<string, { passed: boolean }>>;
  byProvider?: Readonly<Record<string, { default: string }>>;
}

/**
 * The gate's default for a provider: measured on that provider when the record has it; else the provider's
 * speed order over the figures measured elsewhere (the CPU), the best estimate until it is measured there.
 */
export function gateDefaultFor(
  record: GateDefaults | undefined | null,
  provider: string,
): string | undefined {
  if (!record) return undefined;
  const own = record.byProvider?.[provider];
  if (own) return own.default;
  if ((record.provider ?? 'cpu') === provider) return record.default;
  return defaultOf(record.measured, provider);
}
