/**
 * Poisson resampling of pair counts for the bootstrap: drawing each count from Poisson(count) is
 * resampling the votes with replacement (the Poisson bootstrap). A ranking needs millions of draws
 * (3 per pair per round), so each one is a table lookup at a random index:
 * - integer means below 64 (the stored counts are integers) read a quantile table of Poisson(μ)
 *   at (k + ½) / 4096, built once per mean: its probabilities are Poisson's rounded to 1/4096
 *   (at most 0.3% total variation), tails beyond that resolution (p < 1.2e-4) cut off;
 * - means from 64 up use the rounded normal N(μ, μ), read from a table of 4096 normal quantiles
 *   (within 2% total variation of Poisson(μ) there);
 * - other (fractional) means are drawn exactly by `poisson`.
 * Either error is far below the bootstrap's own Monte Carlo noise. 4096 entries keep all tables
 * (288 KiB) in cache; with 65536 the lookups were a third slower.
 */
import { type Bits, poisson, uniformFrom } from './random.js';

const TABLE_BITS = 12;
const TABLE_SIZE = 1 << TABLE_BITS;
/** Random indices come as 16 bits; the tables use the top TABLE_BITS of them. */
const INDEX_SHIFT = 16 - TABLE_BITS;
/** Integer means below this read a quantile table; from here on, the rounded normal. */
const NORMAL_FROM = 64;

/** Standard normal quantiles at (k + ½) / TABLE_SIZE: a uniform index gives a normal deviate. */
const normalTable: Float64Array = (() => {
  const table = new Float64Array(TABLE_SIZE);
  for (let k = 0; k < TABLE_SIZE; k++) table[k] = inverseNormal((k + 0.5) / TABLE_SIZE);
  return table;
})();

/** Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). */
function inverseNormal(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628274631];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const poly = (coef: number[], x: number) => coef.reduce((acc, v) => acc * x + v, 0);
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - 0.02425) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/** Quantile tables of Poisson(μ) for integer μ < NORMAL_FROM, one row per mean, filled on first use. */
let poissonTables: Uint8Array | undefined;
const tableBuilt = new Uint8Array(NORMAL_FROM);

function poissonTable(mu: number): Uint8Array {
  poissonTables ??= new Uint8Array(NORMAL_FROM * TABLE_SIZE);
  if (tableBuilt[mu] === 1) return poissonTables;
  const row = mu * TABLE_SIZE;
  let x = 0;
  let p = Math.exp(-mu);
  let cdf = p;
  for (let k = 0; k < TABLE_SIZE; k++) {
    const u = (k + 0.5) / TABLE_SIZE;
    while (u > cdf && x < 255) {
      x++;
      p *= mu / x;
      cdf += p;
    }
    poissonTables[row + k] = x;
  }
  tableBuilt[mu] = 1;
  return poissonTables;
}

export class PoissonResampler {
  /**
   * Cells grouped by how they are drawn, so each loop below runs without a data-dependent branch
   * (mixed cells mispredict about every other draw): table cells with their row start, normal
   * cells with their standard deviation, and fractional means drawn exactly. Empty cells draw 0.
   */
  private readonly tableCells: Int32Array;
  private readonly tableRows: Int32Array;
  private readonly normalCells: Int32Array;
  private readonly normalSd: Float64Array;
  private readonly exactCells: Int32Array;
  private readonly tables: Uint8Array;
  /** 16 random bits per table or normal cell: a table index. Filled 32 bits at a time through `words`. */
  private readonly indices: Uint16Array;
  private readonly words: Uint32Array;

  constructor(private readonly means: Float64Array) {
    // Two passes over the means (count, then fill): typed arrays only, as a big world cup has
    // hundreds of thousands of pairs and every bootstrap share builds its resamplers anew.
    let tables = 0;
    let normals = 0;
    let exacts = 0;
    for (let k = 0; k < means.length; k++) {
      const mu = means[k] as number;
      if (!(mu > 0)) continue;
      if (mu >= NORMAL_FROM) normals++;
      else if (Number.isInteger(mu)) tables++;
      else exacts++;
    }
    this.tableCells = new Int32Array(tables);
    this.tableRows = new Int32Array(tables);
    this.normalCells = new Int32Array(normals);
    this.normalSd = new Float64Array(normals);
    this.exactCells = new Int32Array(exacts);
    let t = 0;
    let u = 0;
    let e = 0;
    let shared: Uint8Array | undefined;
    for (let k = 0; k < means.length; k++) {
      const mu = means[k] as number;
      if (!(mu > 0)) continue;
      if (mu >= NORMAL_FROM) {
        this.normalCells[u] = k;
        this.normalSd[u++] = Math.sqrt(mu);
      } else if (Number.isInteger(mu)) {
        shared = poissonTable(mu);
        this.tableCells[t] = k;
        this.tableRows[t++] = mu * TABLE_SIZE;
      } else this.exactCells[e++] = k;
    }
    this.tables = shared ?? new Uint8Array(0);
    // Random indices only for the cells drawn from a table (most pairs of a big world cup have no
    // votes one way or no ties at all: those need no randomness).
    const drawn = tables + normals;
    this.words = new Uint32Array(Math.ceil(drawn / 2));
    this.indices = new Uint16Array(this.words.buffer, 0, drawn);
  }

  /** Fills `out` with one Poisson draw per mean; `bits` returns uniform 32-bit integers. */
  draw(out: Float64Array, bits: Bits): void {
    out.fill(0);
    this.scatter(out, undefined, bits, 1, 0);
  }

  /**
   * `draw` without the fill: writes the cells with a positive mean only (see WeightResampler), cell
   * k at `out[k·stride + lane]` (two bootstrap rounds can share arrays, lanes interleaved).
   */
  drawDrawn(out: Float64Array, bits: Bits, stride = 1, lane = 0): void {
    this.scatter(out, undefined, bits, stride, lane);
  }

  /** Sets `a` and `b` to 0 at the cells with a positive mean (what `addHalves` adds to). */
  clear(a: Float64Array, b: Float64Array, stride = 1, lane = 0): void {
    for (const cells of [this.tableCells, this.normalCells, this.exactCells]) {
      for (let t = 0; t < cells.length; t++) a[(cells[t] as number) * stride + lane] = b[(cells[t] as number) * stride + lane] = 0;
    }
  }

  /**
   * Adds half of each draw to both `a` and `b` (a tie counts half a win each way), consuming `bits`
   * as `draw` does: the bootstrap draws the weights the likelihood uses without a pass of its own.
   */
  addHalves(a: Float64Array, b: Float64Array, bits: Bits, stride = 1, lane = 0): void {
    this.scatter(a, b, bits, stride, lane);
  }

  /** Each draw into `a` (when `b` is undefined), else half of it added to `a` and to `b`. */
  private scatter(a: Float64Array, b: Float64Array | undefined, bits: Bits, stride: number, lane: number): void {
    const { means, tables, tableCells, tableRows, normalCells, normalSd, indices, words } = this;
    if (bits.fill) bits.fill(words);
    else for (let k = 0; k < words.length; k++) words[k] = bits();
    // Table cells, the bulk, in loops of their own; the rarer normal and exact cells through `put`.
    if (b === undefined) {
      for (let t = 0; t < tableCells.length; t++) a[(tableCells[t] as number) * stride + lane] = tables[(tableRows[t] as number) + ((indices[t] as number) >>> INDEX_SHIFT)] as number;
    } else {
      for (let t = 0; t < tableCells.length; t++) {
        const k = (tableCells[t] as number) * stride + lane;
        const half = (tables[(tableRows[t] as number) + ((indices[t] as number) >>> INDEX_SHIFT)] as number) / 2;
        a[k] = (a[k] as number) + half;
        b[k] = (b[k] as number) + half;
      }
    }
    const put = (cell: number, x: number) => {
      const k = cell * stride + lane;
      if (b === undefined) a[k] = x;
      else {
        a[k] = (a[k] as number) + x / 2;
        b[k] = (b[k] as number) + x / 2;
      }
    };
    const offset = tableCells.length;
    for (let t = 0; t < normalCells.length; t++) {
      const k = normalCells[t] as number;
      const x = (means[k] as number) + (normalSd[t] as number) * (normalTable[(indices[offset + t] as number) >>> INDEX_SHIFT] as number);
      put(k, x > 0 ? Math.floor(x + 0.5) : 0);
    }
    if (this.exactCells.length > 0) {
      const uniform = uniformFrom(bits);
      for (const k of this.exactCells) put(k, poisson(means[k] as number, uniform));
    }
  }
}

/**
 * The likelihood's weights (weightsOf), resampled: a = wins of i + ½·ties, b = wins of j + ½·ties
 * per pair, each count a Poisson draw, the three counts drawn in that order from one stream. Both
 * bootstrap paths draw their rounds through it. Two ways to the same numbers, by the data:
 * - sparse counts (most pairs have no ties, many no votes one way — a big world cup): `w` must come
 *   zeroed and be drawn into only by this; cells no count is drawn into then stay 0, those with
 *   ties are cleared (the halves add), the others overwritten — no pass over all pairs;
 * - dense counts (ties in most pairs — a small world cup with many votes): the three counts are
 *   drawn into arrays of their own and combined in one sequential pass, which is cheaper there
 *   than adding halves through an index.
 */
export class WeightResampler {
  private readonly winsI: PoissonResampler;
  private readonly winsJ: PoissonResampler;
  private readonly ties: PoissonResampler;
  /** Dense counts: the draws of each count, before they are combined. */
  private readonly drawn: { winsI: Float64Array; winsJ: Float64Array; ties: Float64Array } | undefined;

  constructor(c: { winsI: Float64Array; winsJ: Float64Array; ties: Float64Array }) {
    this.winsI = new PoissonResampler(c.winsI);
    this.winsJ = new PoissonResampler(c.winsJ);
    this.ties = new PoissonResampler(c.ties);
    const m = c.ties.length;
    let withTies = 0;
    for (let k = 0; k < m; k++) if ((c.ties[k] as number) > 0) withTies++;
    this.drawn = withTies > m / 2 ? { winsI: new Float64Array(m), winsJ: new Float64Array(m), ties: new Float64Array(m) } : undefined;
  }

  /** One resample into `w`, pair k at k·stride + lane (see PoissonResampler.drawDrawn). */
  draw(w: { a: Float64Array; b: Float64Array }, bits: Bits, stride = 1, lane = 0): void {
    const { drawn } = this;
    if (drawn) {
      this.winsI.draw(drawn.winsI, bits);
      this.winsJ.draw(drawn.winsJ, bits);
      this.ties.draw(drawn.ties, bits);
      for (let k = 0; k < drawn.ties.length; k++) {
        const half = (drawn.ties[k] as number) / 2;
        w.a[k * stride + lane] = (drawn.winsI[k] as number) + half;
        w.b[k * stride + lane] = (drawn.winsJ[k] as number) + half;
      }
      return;
    }
    this.ties.clear(w.a, w.b, stride, lane);
    this.winsI.drawDrawn(w.a, bits, stride, lane);
    this.winsJ.drawDrawn(w.b, bits, stride, lane);
    this.ties.addHalves(w.a, w.b, bits, stride, lane);
  }
}
