import { timeSteps } from "./benchPeer";

/**
 * Runs `f` once (warm-up), then `reps` times, and returns the medians of the wall and process CPU
 * milliseconds (all threads) per call: the bench profiles' one timer.
 *
 * @example
 * const row = await timeMedian("predict", () => model.predict(x), 15);
 */
export async function timeMedian(label: string, f: () => unknown, reps: number): Promise<{ label: string; ms: number; cpuMs: number }> {
  await f();
  const { ms, cpuMs: cpu } = await timeSteps(reps, f);
  const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
  return { label, ms: median(ms), cpuMs: median(cpu) };
}
