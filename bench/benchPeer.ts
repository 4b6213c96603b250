// The benchmark's children behind one interface: a grulab/tfjs implementation (benchChild.ts,
// node over IPC; the onnxruntime peer benchOrt.ts speaks the same) or the PyTorch peer (benchTorch.py, JSON lines over stdin/stdout). The parent
// (bench.ts) sends them "train" / "predict" / "rss" one at a time, round robin.
import { fork, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { BenchImpl, BenchShape } from "./benchShapes";

/** A child's answer: wall and CPU ms of each step it ran, the peak RSS, or an error. */
export type Reply = { ms?: number[]; cpuMs?: number[]; rssMb?: number; kernel?: string; error?: string };

/** One running implementation: `request` runs one command and resolves with its reply (error on exit). */
export interface BenchProcess {
  impl: BenchImpl | `torch${string}` | `ort${string}`;
  /** Answers only "predict" and "rss" (onnxruntime: an inference engine). */
  predictOnly?: boolean;
  /** What the child said when ready (the peer: torch version and threads). */
  info: Record<string, unknown>;
  /** Set when the child failed to start or exited. */
  error?: string;
  /** The child's process id (bench.ts waits until its threads are idle before the next request goes out). */
  pid?: number;
  /** Runs `cmd` ("train", "predict" or "rss"); train and predict `steps` times back to back. */
  request(cmd: string, steps?: number): Promise<Reply>;
  kill(): void;
}

/** Runs `run` `steps` times back to back; returns the wall and CPU ms of each (CPU time of the whole process, all threads). */
export async function timeSteps(steps: number, run: () => unknown): Promise<{ ms: number[]; cpuMs: number[] }> {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < steps; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
    const cpu = process.cpuUsage(c0);
    cpuMs.push((cpu.user + cpu.system) / 1000);
  }
  return { ms, cpuMs };
}

/** Starts bench/benchChild.js for one implementation and shape; resolves once its model is built. */
export function startNodeChild(impl: BenchImpl, s: BenchShape): Promise<BenchProcess> {
  const env = impl === "grulab-fused-wasmkernel" ? { ...process.env, GRULAB_KERNEL: "wasm" } : process.env;
  return forkBenchChild(impl, path.join(__dirname, "benchChild.js"), [impl, s.name], env);
}

/** Forks a node script that speaks benchChild's IPC protocol; resolves once it says it is ready (its message is `info`). */
export function forkBenchChild(impl: BenchProcess["impl"], script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<BenchProcess> {
  return new Promise((resolve) => {
    const proc = fork(script, args, { env, stdio: ["ignore", "ignore", "pipe", "ipc"] });
    let stderr = "";
    proc.stderr!.on("data", (d) => { stderr += d; });
    const child: BenchProcess = {
      impl, info: {}, pid: proc.pid,
      request: (cmd, steps = 1) => new Promise((done) => {
        const onExit = (code: number | null) => done({ error: `exited with code ${code}` });
        proc.once("exit", onExit);
        proc.once("message", (m: Reply) => { proc.off("exit", onExit); done(m); });
        proc.send({ cmd, steps });
      }),
      kill: () => { proc.kill(); },
    };
    proc.once("message", (m: Record<string, unknown> & { error?: string }) => {
      if (m.error) child.error = m.error;
      else child.info = m;
      resolve(child);
    });
    proc.once("exit", (code) => {
      child.error ??= `exited with code ${code}: ${stderr.split("\n").find((l) => /Error/.test(l))?.trim() ?? ""}`;
      resolve(child);
    });
  });
}

/**
 * The Python that runs the peer: $GRULAB_PYTHON, else Debian's /usr/bin/python3 (where
 * python3-torch installs), else python3 on the PATH.
 */
export function peerPython(): string {
  return process.env.GRULAB_PYTHON || (fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
}

/**
 * Starts the PyTorch peer (bench/benchTorch.py) for one shape with OPENBLAS_NUM_THREADS=1 and
 * `threads` torch threads. Resolves with `error` set (and nothing running) when torch is not importable.
 */
export function startTorchPeer(s: BenchShape, script: string, threads: number, name: `torch${string}`): Promise<BenchProcess> {
  return new Promise((resolve) => {
    const env = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: String(threads), GRULAB_PEER_THREADS: String(threads) };
    const proc = spawn(peerPython(), [script, JSON.stringify(s)], { env, stdio: ["pipe", "pipe", "pipe"] });
    const waiting: ((r: Reply) => void)[] = [];
    let buffered = "";
    let stderr = "";
    let ready = false;
    const child: BenchProcess = {
      impl: name, info: {}, pid: proc.pid,
      request: (cmd, steps = 1) => new Promise((done) => {
        if (child.error) return done({ error: child.error });
        waiting.push(done);
        proc.stdin!.write(`${cmd} ${steps}\n`);
      }),
      kill: () => { proc.stdin!.end(); proc.kill(); },
    };
    proc.stderr!.on("data", (d) => { stderr += d; });
    proc.stdout!.on("data", (d) => {
      buffered += d;
      for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const msg = JSON.parse(line) as Reply & Record<string, unknown>;
        if (!ready) {
          ready = true;
          if (msg.error) child.error = msg.error;
          else child.info = msg;
          resolve(child);
        } else waiting.shift()?.(msg);
      }
    });
    const fail = (why: string) => {
      child.error ??= why;
      for (const done of waiting.splice(0)) done({ error: child.error });
      if (!ready) { ready = true; resolve(child); }
    };
    proc.once("error", (e) => fail(`${peerPython()}: ${e.message}`));
    proc.once("exit", (code) => fail(`exited with code ${code}: ${stderr.trim().split("\n").pop() ?? ""}`));
  });
}
