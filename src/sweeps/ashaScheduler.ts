/**
 * Options of ASHA: the first rung's epochs `minEpochs` (r), the reduction factor `eta` (η, default
 * 3): rungs at r, rη, rη², … epochs up to the sweep's `budget.epochs` (R).
 *
 * @example
 * const scheduler: AshaOptions = { kind: "asha", minEpochs: 1, eta: 3 };
 */
export interface AshaOptions {
  kind: "asha";
  /** Epochs of the first rung (r); default 1. */
  minEpochs?: number;
  /** Reduction factor (η): the top 1/η of a rung is promoted to η times the epochs; default 3. */
  eta?: number;
}

/**
 * What ASHA asks to run next: config `index` trained to `epochs` (rung `rung`; rung 0 is a new trial, above it a promotion).
 *
 * @example
 * const job: AshaJob | null = asha.next(); // { index: 4, rung: 1, epochs: 3 }
 */
export interface AshaJob {
  index: number;
  rung: number;
  epochs: number;
}

/**
 * Asynchronous successive halving (Li et al. 2018, "A System for Massively Parallel
 * Hyperparameter Tuning", Algorithm 2): whenever a worker is free, promote a trial that is in the
 * top 1/η of its rung's completed trials and not promoted yet (looking from the highest rung
 * down), else start a new config at the bottom rung. No rung waits for the others to fill, so
 * every worker stays busy. `next()` gives the job, `report()` records a rung's result.
 *
 * @example
 * const asha = new AshaScheduler(27, { maxEpochs: 9, minEpochs: 1, eta: 3, mode: "min" });
 * const job = asha.next();                      // { index: 0, rung: 0, epochs: 1 }
 * asha.report(job!.index, job!.rung, 0.42);     // its val_loss after 1 epoch
 */
export class AshaScheduler {
  /** Epochs of each rung: r, rη, rη², … ≤ maxEpochs. */
  readonly rungs: number[];
  private readonly results: Array<Array<{ index: number; value: number }>>;
  private readonly promoted: Array<Set<number>>;
  private nextNew = 0;

  constructor(
    /** How many configs there are to start (indices 0 … configs − 1, started in order). */
    readonly configs: number,
    private readonly options: { maxEpochs: number; minEpochs?: number; eta?: number; mode: "min" | "max" },
  ) {
    const r = options.minEpochs ?? 1;
    const eta = options.eta ?? 3;
    if (!Number.isInteger(r) || r < 1) throw new Error(`sweep: ASHA option minEpochs must be an integer ≥ 1, got ${JSON.stringify(options.minEpochs)}`);
    if (!(eta > 1)) throw new Error(`sweep: ASHA option eta must be > 1, got ${JSON.stringify(options.eta)}`);
    if (!Number.isInteger(options.maxEpochs) || options.maxEpochs < r) throw new Error(`sweep: ASHA needs budget.epochs (the top rung's epochs) ≥ minEpochs ${r}, got ${JSON.stringify(options.maxEpochs)}`);
    this.rungs = [];
    for (let e = r; e <= options.maxEpochs + 1e-9; e *= eta) this.rungs.push(Math.round(e));
    this.results = this.rungs.map(() => []);
    this.promoted = this.rungs.map(() => new Set());
  }

  /** The next job (a promotion if any is due, else a new config), or null when neither is possible now. */
  next(): AshaJob | null {
    const eta = this.options.eta ?? 3;
    for (let k = this.rungs.length - 2; k >= 0; k--) {
      const done = [...this.results[k]].sort((a, b) => (this.options.mode === "min" ? a.value - b.value : b.value - a.value));
      const top = done.slice(0, Math.floor(done.length / eta));
      const candidate = top.find((t) => Number.isFinite(t.value) && !this.promoted[k].has(t.index));
      if (candidate) {
        this.promoted[k].add(candidate.index);
        return { index: candidate.index, rung: k + 1, epochs: this.rungs[k + 1] };
      }
    }
    if (this.nextNew < this.configs) return { index: this.nextNew++, rung: 0, epochs: this.rungs[0] };
    return null;
  }

  /** Records config `index`'s metric at rung `rung` (null, NaN: failed, ranked last and never promoted). */
  report(index: number, rung: number, value: number | null): void {
    const v = value === null || !Number.isFinite(value) ? NaN : value;
    this.results[rung].push({ index, value: Number.isNaN(v) ? (this.options.mode === "min" ? Infinity : -Infinity) : v });
  }
}
