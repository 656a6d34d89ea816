/**
 * A one-line progress bar for long CLI work (imports, exports), on standard error so that standard
 * output stays the command's result. On a terminal the line redraws in place, at most ten times a
 * second; elsewhere (a pipe, a log file, CI) nothing is drawn, so logs do not fill with frames.
 */

/** Where the bar is drawn: a stream that may be a terminal. */
export interface ProgressOutput {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const REDRAW_MS = 100;

export class Progress {
  private done = 0;
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    private readonly label: string,
    private total: number,
    private readonly out: ProgressOutput = process.stderr,
    private readonly now: () => number = Date.now,
  ) {}

  /** The line as it is drawn now: `label [#####.....] 3/10 30%` (the count alone when there is no total). */
  line(): string {
    if (this.total <= 0) return `${this.label} ${this.done}`;
    const ratio = Math.min(1, this.done / this.total);
    const width = Math.max(10, Math.min(30, (this.out.columns ?? 80) - this.label.length - 25));
    const filled = Math.round(ratio * width);
    return `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} ${Math.floor(ratio * 100)}%`;
  }

  /** Counts `n` more items done. */
  tick(n = 1): void {
    this.done += n;
    if (this.now() - this.lastDraw >= REDRAW_MS || this.done >= this.total) this.draw();
  }

  /** Changes the total (an estimate that turned out wrong). */
  setTotal(total: number): void {
    this.total = total;
  }

  /** Draws the final state and ends the line. */
  finish(): void {
    if (!this.out.isTTY) return;
    this.draw();
    if (this.drawn) this.out.write('\n');
    this.drawn = false;
  }

  private draw(): void {
    if (!this.out.isTTY) return;
    this.lastDraw = this.now();
    this.drawn = true;
    // \r back to the start, then clear to the end of the line (the last frame may have been longer).
    this.out.write(`\r${this.line()}\x1b[K`);
  }
}
