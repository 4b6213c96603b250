/** Seconds between two progress lines of a long pass. */
const PROGRESS_EVERY_SECONDS = 5;

/** Options of {@link passInChunks}. */
export interface PassInChunksOptions {
  /** Stops between two chunks once aborted, throwing its reason. */
  signal?: AbortSignal;
  /** Gets the lines of a long pass (≥ 10 chunks): one at once, then one every 5 s, e.g. `evaluation: 18,432 of 75,000 test samples (24 %), 5 s`. */
  log?: (line: string) => void;
  /** The pass's name at the start of its lines, e.g. "evaluation" or "validation". */
  label: string;
  /** What is counted, e.g. "test samples". */
  noun: string;
}

/**
 * The pause between two chunks, in ms: a turn of the event loop (0), or longer when the
 * GRULAB_TEST_EVALUATION_PAUSE_MS test hook (not an API) stretches the pass so a child-process
 * test can interrupt it at a progress line without a large data set.
 */
function chunkPauseMs(): number {
  const v = Number(process.env.GRULAB_TEST_EVALUATION_PAUSE_MS ?? 0);
  return Number.isFinite(v) && v > 0 ? v : 0;
}

/** Waits `ms`, or less when `signal` is aborted meanwhile. */
function pauseUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => { clearTimeout(timer); signal?.removeEventListener("abort", done); resolve(); };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Runs a synchronous pass over `n` samples in chunks of `chunk` (`step(from, size)` does one chunk's
 * work), giving the event loop a turn between two chunks (so a Ctrl-C reaches its handler) and
 * throwing the signal's reason once `signal` is aborted. A long pass (≥ 10 chunks) announces itself
 * to `log` at once and sends it a progress line every 5 s. The chunks are visited in order, so a
 * caller whose chunk is a multiple of its batch forms the batches one call over all samples would.
 *
 * Internal: the test evaluation (evaluateModel) and fit's validation pass use it; not exported from an index.
 *
 * @example
 * await passInChunks(75_000, 2048, (from, size) => scoreChunk(from, size), { signal, log: console.log, label: "evaluation", noun: "test samples" });
 */
export async function passInChunks(n: number, chunk: number, step: (from: number, size: number) => void, options: PassInChunksOptions): Promise<void> {
  const { signal, log, label, noun } = options;
  if (!Number.isInteger(chunk) || chunk < 1) throw new Error(`passInChunks: chunk must be an integer ≥ 1, got ${chunk}`);
  const count = (k: number) => k.toLocaleString("en-US");
  const pause = chunkPauseMs();
  const t0 = performance.now();
  let lastLine = t0;
  // A long pass says so at once (its first progress line comes 5 s later).
  if (log && n >= 10 * chunk) log(`${label}: ${count(n)} ${noun} in chunks of ${count(chunk)} (a line every ${PROGRESS_EVERY_SECONDS} s)…`);
  signal?.throwIfAborted();
  for (let from = 0; from < n; from += chunk) {
    const size = Math.min(chunk, n - from);
    step(from, size);
    if (from + size < n) {
      const now = performance.now();
      if (log && now - lastLine >= 1000 * PROGRESS_EVERY_SECONDS) {
        lastLine = now;
        log(`${label}: ${count(from + size)} of ${count(n)} ${noun} (${Math.floor((100 * (from + size)) / n)} %), ${((now - t0) / 1000).toFixed(0)} s`);
      }
      await (pause > 0 ? pauseUnlessAborted(pause, signal) : new Promise((resolve) => setImmediate(resolve)));
      signal?.throwIfAborted();
    }
  }
}
