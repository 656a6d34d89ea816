/**
 * Sample efficiency of the arena's pair sampler (issue 13): voters with known Bradley–Terry
 * strengths vote on the pairs the sampler chooses, the project's own fit ranks them, and we count
 * the votes until the fitted top k is the true top k (and stays so).
 *
 * - Truth: `n` strengths θ ~ N(0, 1) on the logit scale, centred (real leaderboards spread about so:
 *   the best of 40 beats the median about 90% of the time), drawn from `seed`; `strengths: 'even'`
 *   spaces them evenly over [−2, 2] instead.
 * - Voter: P(i beats j) = σ(θ_i − θ_j), with ties at `tieRate` (0 by default) taken out of both sides.
 * - Fit: `computeLeaderboard` (Bradley–Terry with the README's penalty, bootstrap intervals),
 *   refitted every `refitEvery` votes with `rounds` bootstrap rounds (a refit per vote with 200
 *   rounds would cost minutes per run; 25 votes and 50 rounds move no figure by more than the
 *   seed-to-seed noise). Between refits the sampler sees the last fit, as the server does between
 *   two ranking recomputes.
 * - Stop: the top-k check runs at each refit; `votes` is the count at which the fitted top-k set
 *   became the true one for good, i.e. it still was after `confirmVotes` more votes (null when
 *   `maxVotes` came first). Kendall τ of the full fitted order against the truth is recorded at the
 *   `tauAt` vote counts (the run goes on until the last one, so both modes are compared at equal votes).
 *
 * The vote step can be swapped (`vote`): it receives the pair the local sampler chose and the
 * simulated voter, and returns the pair actually voted on (a server may draw its own), the outcome,
 * and optionally the ranking state it now has (which then replaces the local refit). That lets the
 * lead drive the same simulation through the service layer.
 */
import { toScore } from '../rating/bradley-terry.js';
import type { Comparisons } from '../rating/comparisons.js';
import { computeLeaderboard } from '../rating/leaderboard.js';
import { seededRandom } from '../rating/random.js';
import { type ActiveTuning, type ChosenPair, type SamplerState, choosePair } from './sampler.js';

/** 'i' = the first of the pair won, 'j' = the second, or a tie. */
export type Outcome = 'i' | 'j' | 'tie';
export type Voter = (i: number, j: number) => Outcome;

export interface VoteStepResult {
  i: number;
  j: number;
  outcome: Outcome;
  /** The ranking state after this vote, when the step keeps its own (then no local refit). */
  state?: SamplerState | undefined;
}
export type VoteStep = (pair: ChosenPair, voter: Voter) => VoteStepResult | Promise<VoteStepResult>;

export interface SimulationOptions {
  n: number;
  seed: number;
  mode: 'active' | 'uniform';
  topK: number;
  confirmVotes?: number;
  maxVotes?: number;
  refitEvery?: number;
  /** Bootstrap rounds per refit. */
  rounds?: number;
  tauAt?: readonly number[];
  tieRate?: number;
  strengths?: 'normal' | 'even';
  epsilon?: number;
  tuning?: Partial<ActiveTuning>;
}

export interface SimulationResult {
  /** Votes until the fitted top k equalled the true top k for good; null if `maxVotes` came first. */
  votes: number | null;
  /** Kendall τ (τ-a) of the fitted order vs the truth at each `tauAt` count reached. */
  tau: { at: number; tau: number }[];
  /** Votes cast in all (the run goes on to the last `tauAt`). */
  totalVotes: number;
  theta: Float64Array;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function normal(random: () => number): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** The true strengths of a run (see the module comment), mean 0. */
export function trueStrengths(n: number, seed: number, kind: 'normal' | 'even' = 'normal'): Float64Array {
  if (kind === 'even') return Float64Array.from({ length: n }, (_, i) => (n === 1 ? 0 : 2 - (4 * i) / (n - 1)));
  const random = seededRandom(Math.imul(seed, 0x9e3779b1) ^ 0x1234567);
  const theta = Float64Array.from({ length: n }, () => normal(random));
  const mean = theta.reduce((s, t) => s + t, 0) / n;
  return theta.map((t) => t - mean);
}

/** The indices of the k largest values (ties broken by index). */
export function topSet(values: Float64Array, k: number): Set<number> {
  const order = Array.from(values.keys()).sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  return new Set(order.slice(0, k));
}

/** Kendall τ-a between two score vectors: (concordant − discordant) / all pairs (ties count 0). */
export function kendallTau(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) sum += Math.sign((a[i] as number) - (a[j] as number)) * Math.sign((b[i] as number) - (b[j] as number));
  }
  return n < 2 ? 1 : sum / ((n * (n - 1)) / 2);
}

/** Pair counts kept densely (n ≤ a few hundred here): wins[i·n + j] = wins of i over j. */
class Counts {
  readonly wins: Float64Array;
  readonly ties: Float64Array;
  constructor(readonly n: number) {
    this.wins = new Float64Array(n * n);
    this.ties = new Float64Array(n * n);
  }

  add(i: number, j: number, outcome: Outcome): void {
    const { n } = this;
    if (outcome === 'tie') {
      this.ties[i * n + j] = (this.ties[i * n + j] as number) + 1;
      this.ties[j * n + i] = (this.ties[j * n + i] as number) + 1;
    } else {
      const [w, l] = outcome === 'i' ? [i, j] : [j, i];
      this.wins[w * n + l] = (this.wins[w * n + l] as number) + 1;
    }
  }

  pairCount = (i: number, j: number): number => {
    const { n } = this;
    return (this.wins[i * n + j] as number) + (this.wins[j * n + i] as number) + (this.ties[i * n + j] as number);
  };

  comparisons(): Comparisons {
    const { n } = this;
    const rows: [number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (this.pairCount(i, j) > 0) rows.push([i, j]);
    const c: Comparisons = {
      n,
      i: Int32Array.from(rows, (r) => r[0]),
      j: Int32Array.from(rows, (r) => r[1]),
      winsI: Float64Array.from(rows, ([i, j]) => this.wins[i * n + j] as number),
      winsJ: Float64Array.from(rows, ([i, j]) => this.wins[j * n + i] as number),
      ties: Float64Array.from(rows, ([i, j]) => this.ties[i * n + j] as number),
    };
    return c;
  }
}

/** The sampler's view of the counts so far: a fresh leaderboard (never-compared candidates sit at 1000 with zero width). */
function refit(counts: Counts, rounds: number, seed: number): SamplerState {
  const board = computeLeaderboard(counts.comparisons(), { rounds, seed, solver: 'dense' });
  return { n: counts.n, scores: board.scores, lower: board.lower, upper: board.upper };
}

export async function simulate(opts: SimulationOptions, vote?: VoteStep): Promise<SimulationResult> {
  const { n, seed, mode, topK } = opts;
  const confirmVotes = opts.confirmVotes ?? 500;
  const maxVotes = opts.maxVotes ?? 50 * n * n;
  const refitEvery = Math.max(1, opts.refitEvery ?? 25);
  const rounds = opts.rounds ?? 50;
  const tauAt = [...(opts.tauAt ?? [1000, 2000, 3000])].sort((a, b) => a - b);
  const tieRate = opts.tieRate ?? 0;
  const theta = trueStrengths(n, seed, opts.strengths);
  const truth = topSet(theta, topK);
  const pickRandom = seededRandom(seed * 2 + 1);
  const voteRandom = seededRandom(seed * 2 + 2);
  const voter: Voter = (i, j) => {
    const u = voteRandom();
    if (u < tieRate) return 'tie';
    return (u - tieRate) / (1 - tieRate) < sigmoid((theta[i] as number) - (theta[j] as number)) ? 'i' : 'j';
  };
  const counts = new Counts(n);
  const fresh = (): SamplerState => ({
    n,
    scores: new Float64Array(n).fill(1000),
    lower: new Float64Array(n).fill(1000),
    upper: new Float64Array(n).fill(1000),
  });
  let state = fresh();
  let stale = false;
  const tau: { at: number; tau: number }[] = [];
  let streakFrom: number | null = null;
  let found: number | null = null;
  const lastTau = tauAt.length > 0 ? (tauAt[tauAt.length - 1] as number) : 0;
  let votes = 0;
  while (votes < maxVotes && (found === null || votes < lastTau)) {
    const chosen = choosePair(state, { mode, topK, epsilon: opts.epsilon, tuning: opts.tuning }, pickRandom);
    const result = vote ? await vote(chosen, voter) : { i: chosen.i, j: chosen.j, outcome: voter(chosen.i, chosen.j) };
    counts.add(result.i, result.j, result.outcome);
    votes++;
    if (result.state) state = result.state;
    else stale = true;
    const atTau = tauAt.includes(votes);
    if (votes % refitEvery !== 0 && !atTau) continue;
    if (stale) {
      state = refit(counts, rounds, seed * 7919 + votes);
      stale = false;
    }
    if (atTau) tau.push({ at: votes, tau: kendallTau(Float64Array.from(state.scores), theta.map(toScore)) });
    if (found !== null || votes % refitEvery !== 0) continue;
    const fitted = topSet(state.scores, topK);
    const right = [...truth].every((i) => fitted.has(i));
    if (!right) streakFrom = null;
    else if (streakFrom === null) streakFrom = votes;
    if (streakFrom !== null && votes - streakFrom >= confirmVotes) found = streakFrom;
  }
  return { votes: found, tau, totalVotes: votes, theta };
}
