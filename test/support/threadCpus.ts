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
