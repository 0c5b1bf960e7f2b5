// A progress bar on stderr for every command: redrawn in place on a terminal, one line per 10% otherwise
// (logs, CI), so the output stays readable in both.
import type { Progress } from '../shared/progress';

const WIDTH = 28;

/** Renders Progress reports; call done() once at the end. */
export class ProgressBar {
  private lastStage = '';
  private lastDecile = -1;
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly unit: 'bytes' | 'count' = 'bytes',
  ) {}

  /** Shows a report (throttled to 10 redraws a second on a terminal). */
  update(p: Progress): void {
    const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
    if (this.out.isTTY) {
      const now = Date.now();
      if (p.stage === this.lastStage && now - this.lastDraw < 100 && frac < 1) return;
      this.lastDraw = now;
      this.lastStage = p.stage;
      this.out.write(`\r${formatLine(p, frac, this.unit)}\x1b[K`);
      this.drawn = true;
      return;
    }
    const decile = Math.floor(frac * 10);
    if (p.stage !== this.lastStage || decile > this.lastDecile) {
      this.lastStage = p.stage;
      this.lastDecile = decile;
      this.out.write(`${formatLine(p, frac, this.unit)}\n`);
    }
  }

  /** Ends the bar's line. */
  done(): void {
    if (this.drawn) this.out.write('\n');
    this.drawn = false;
  }
}

/** One bar line: stage, bar, percent, amounts and ETA. */
export function formatLine(p: Progress, frac: number, unit: 'bytes' | 'count'): string {
  const filled = Math.round(frac * WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
  // The conversion's gate counts steps, not bytes.
  const amount =
    unit === 'bytes' && p.stage !== 'gate' ? `${mb(p.done)}/${mb(p.total)} MB` : `${p.done}/${p.total}`;
  const eta = p.etaSeconds === null ? '' : ` eta ${Math.ceil(p.etaSeconds)}s`;
  const detail = p.detail ? ` ${p.detail}` : '';
  return `${p.stage.padEnd(8)} ${bar} ${(frac * 100).toFixed(0).padStart(3)}% ${amount}${eta}${detail}`;
}

const mb = (n: number): string => (n / 1e6).toFixed(1);
