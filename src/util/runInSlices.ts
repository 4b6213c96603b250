/** Options of {@link runInSlices}; every one has a default. */
export interface RunInSlicesOptions<P> {
  /** Stops at the next pause once aborted: the generator is closed and the signal's reason thrown. */
  signal?: AbortSignal;
  /** Longest stretch of synchronous work between two turns of the event loop, in ms (default 100). */
  sliceMs?: number;
  /** Called with every progress value the computation yields (not with the bare pauses). */
  onProgress?: (progress: P) => void;
}

/**
 * Runs a long computation written as a generator (it yields `undefined` where it may pause, or a
 * progress value) without holding the event loop: after at most `sliceMs` of work it gives the
 * event loop a turn (so a SIGINT handler, a timer or I/O runs), then stops if `signal` is aborted.
 * The computation's arithmetic is the same as {@link runToEnd}'s, so both give bitwise equal
 * results; only the pauses differ.
 *
 * Internal: the baselines' long fits (n-gram counting, L-BFGS) use it; not exported from an index.
 *
 * @example
 * function* count(n: number) { let s = 0; for (let i = 0; i < n; i++) { s += i; if (i % 4096 === 0) yield; } return s; }
 * await runInSlices(count(1e8), { signal: AbortSignal.timeout(1000) }); // throws after about a second
 */
export async function runInSlices<P, R>(steps: Generator<P | undefined, R>, options: RunInSlicesOptions<P> = {}): Promise<R> {
  const sliceMs = options.sliceMs ?? 100;
  const signal = options.signal;
  signal?.throwIfAborted();
  let sliceStart = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (r.value !== undefined) options.onProgress?.(r.value);
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) {
        steps.return(undefined as R);
        throw signal.reason;
      }
      sliceStart = performance.now();
    }
  }
}

/**
 * Runs such a generator to its end in one synchronous stretch, ignoring its pauses and progress
 * (the synchronous form of a computation that also runs in slices).
 *
 * @example
 * function* sum(n: number) { let s = 0; for (let i = 0; i < n; i++) { s += i; yield; } return s; }
 * runToEnd(sum(4)) // 6
 */
export function runToEnd<R>(steps: Generator<unknown, R>): R {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
