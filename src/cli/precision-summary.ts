// One line per decoder variant with the precision gate's figures, for convert's summary.
import type { PrecisionRecord } from '../inference';

/** The gate's figures and the default it chose, as printed after a conversion. */
export function precisionSummary(p: PrecisionRecord): string {
  const rows = Object.entries(p.measured).map(
    ([v, f]) =>
      `  ${v.padEnd(5)} logits error ${(f.relRmsLogitsError * 100).toFixed(2)} %, greedy agreement ${(f.argmaxAgreement * 100).toFixed(1)} %${f.passed ? '' : ' (fails the gate)'}`,
  );
  const gate = `relative RMS ≤ ${p.gate.maxRelRmsLogitsError * 100} %, agreement ≥ ${p.gate.minArgmaxAgreement * 100} % over ${p.gate.positions} positions`;
  return [`precision gate (${gate}):`, ...rows, `default decoder precision: ${p.default}`].join('\n');
}
