import * as fs from "node:fs";

/**
 * The CPUs a thread of this process may run on (Linux: Cpus_allowed_list of
 * /proc/self/task/<tid>/status, "0-3,6" → [0, 1, 2, 3, 6]); `tid` "thread-self" reads the caller's own.
 *
 * @example
 * const mine = allowedCpus("thread-self");
 */
export function allowedCpus(tid: string): number[] {
  const file = tid === "thread-self" ? "/proc/thread-self/status" : `/proc/self/task/${tid}/status`;
  return cpuList(/^Cpus_allowed_list:\s*(\S+)$/m.exec(fs.readFileSync(file, "utf8"))![1]);
}

/**
 * A Linux CPU list as numbers.
 *
 * @example
 * cpuList("0-2,5"); // [0, 1, 2, 5]
 */
export function cpuList(list: string): number[] {
  return list.split(",").flatMap((part) => {
    const [lo, hi = lo]: number[] = part.split("-").map(Number);
    return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  });
}

/**
 * The ids of this process's threads named `name` (/proc/self/task/<tid>/comm).
 *
 * @example
 * const [worker] = threadsNamed("grulab-gru");
 */
export function threadsNamed(name: string): string[] {
  return fs.readdirSync("/proc/self/task").filter((tid) => {
    try {
      return fs.readFileSync(`/proc/self/task/${tid}/comm`, "utf8").trim() === name;
    } catch {
      return false; // the thread ended while we looked
    }
  });
}

/**
 * Why a native kernel worker's placement cannot be checked here, or false: not Linux,
 * GRULAB_WORKER_CPU=any, a WebAssembly kernel (`flavour`), or one CPU allowed.
 *
 * @example
 * test("…", { skip: placementSkip(gruKernel().flavour) }, () => { … });
 */
export function placementSkip(flavour: string): string | false {
  if (process.platform !== "linux") return "thread CPU sets are Linux's here";
  if (process.env.GRULAB_WORKER_CPU === "any") return "GRULAB_WORKER_CPU=any";
  if (!flavour.startsWith("native")) return `the ${flavour} kernel's worker cannot set its CPUs (native only)`;
  return allowedCpus("thread-self").length < 2 ? "this process may run on one CPU only" : false;
}

/**
 * Runs `split` (a two-thread kernel call) until the caller stays on one CPU through a call (20
 * tries), then returns that CPU (`threadCpu`, the addon's), this thread's CPUs and those of the
 * one thread named `workerName` (asserting there is exactly one). The worker sets its CPUs when it
 * wakes for a request, and on a loaded machine the caller may have run every chunk of a small call
 * before the worker woke: its CPUs are read until they leave out the caller's CPU, for up to 5 s.
 *
 * @example
 * const seen = workerPlacement(() => gruKernelForward(c, a, false), "grulab-gru", cpu);
 */
export function workerPlacement(split: () => void, workerName: string, threadCpu: () => number): { caller: number; callerCpus: number[]; worker: number[] } {
  const callerCpus = allowedCpus("thread-self");
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; attempt < 20; attempt++) { // the caller may move between CPUs mid-call: try again
    const before = threadCpu();
    split();
    if (threadCpu() !== before) continue;
    const named = threadsNamed(workerName);
    if (named.length !== 1) throw new Error(`${named.length} threads named ${workerName}, expected one`);
    const expected = callerCpus.filter((k) => k !== before).join(",");
    let worker = allowedCpus(named[0]);
    for (const t0 = Date.now(); worker.join(",") !== expected && Date.now() - t0 < 5000; worker = allowedCpus(named[0])) Atomics.wait(nap, 0, 0, 10);
    return { caller: before, callerCpus, worker };
  }
  throw new Error("the caller moved between CPUs during each of 20 calls");
}
