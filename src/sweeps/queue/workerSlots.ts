import type { Queue } from "bullmq";

/**
 * The name a `grulab worker` gives its BullMQ connection: `<host>/<pid>/<concurrency>`, so that
 * the queue can tell who is connected and how many trials they run at once.
 *
 * @example
 * workerName("node-7", 4242, 2) // "node-7/4242/2"
 */
export function workerName(host: string, pid: number, concurrency: number): string {
  return `${host}/${pid}/${concurrency}`;
}

/**
 * The `grulab worker`s connected to the trial queue now (Redis CLIENT LIST): how many, their
 * names, and their slots (concurrency summed).
 *
 * @example
 * const { workers, total } = await workerSlots(queue); // e.g. { workers: 3, total: 6, names: [...] }
 */
export async function workerSlots(queue: Queue): Promise<{ workers: number; total: number; names: string[] }> {
  const clients = (await queue.getWorkers()) as Array<{ rawname?: string }>;
  const names = clients.map((c) => /:w:(.*)$/.exec(c.rawname ?? "")?.[1] ?? "").filter((n) => n !== "");
  const total = names.reduce((s, n) => s + (Number(/\/(\d+)$/.exec(n)?.[1]) || 1), 0);
  return { workers: names.length, total, names };
}
