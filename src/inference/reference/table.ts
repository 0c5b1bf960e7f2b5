// Plain-text table of reference-check results for the command line.
import type { CheckResult } from './check';

/** One line per check: name, max abs error (or 'exact'), tolerance, PASS/FAIL, detail. */
export function formatResults(results: readonly CheckResult[]): string {
  const rows = results.map((r) => [
    r.name,
    r.exact
      ? r.pass
        ? 'equal'
        : 'DIFFERENT'
      : r.maxAbsError === null
        ? '-'
        : r.maxAbsError.toExponential(2),
    r.exact ? 'exact' : r.tolerance.toExponential(0),
    r.pass ? 'PASS' : 'FAIL',
    r.detail ?? '',
  ]);
  const head = ['check', 'max abs error', 'tolerance', 'result', 'detail'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const failed = results.filter((r) => !r.pass).length;
  const summary =
    failed === 0 ? `all ${results.length} checks passed` : `${failed} of ${results.length} checks FAILED`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', summary].join('\n');
}
