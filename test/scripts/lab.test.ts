// needs: jupyter
// `npm run lab` (scripts/lab.py): a Jupyter server on 127.0.0.1 whose kernel list has grulab.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT, jupyterEnv, tempDir } from "../support/jupyterScripts";

/** The command line of the process whose arguments name the kernel's connection file ("" if none). */
function kernelProcess(id: string): string {
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      if (cmd.includes(`kernel-${id}.json`)) return cmd.trim();
    } catch {
      // the process ended meanwhile
    }
  }
  return "";
}

test("lab starts a token-protected server on 127.0.0.1 that lists and starts the grulab kernel, and stops", async () => {
  const dir = tempDir("lab");
  const child = spawn("bash", [path.join(ROOT, "scripts", "python.sh"), path.join(ROOT, "scripts", "lab.py")],
    { cwd: ROOT, env: jupyterEnv(dir), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 60 s:\n${output}`)), 60_000);
      const poll = setInterval(() => {
        const m = /Jupyter is ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)/.exec(output);
        if (m) { clearTimeout(timer); clearInterval(poll); resolve(m[1]); }
      }, 100);
      child.on("exit", () => { clearTimeout(timer); clearInterval(poll); reject(new Error(`lab exited:\n${output}`)); });
    });
    const { origin, searchParams } = new URL(url);
    const token = searchParams.get("token")!;
    assert.ok(token.length >= 32, "a long random token");
    const res = await fetch(`${origin}/api/kernelspecs?token=${token}`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { kernelspecs: Record<string, { spec: { display_name: string; language: string } }> };
    assert.equal(body.kernelspecs.grulab.spec.display_name, "TypeScript (grulab)");
    assert.equal(body.kernelspecs.grulab.spec.language, "typescript");
    const anonymous = await fetch(`${origin}/api/kernelspecs`);
    assert.equal(anonymous.status, 403, "the API refuses requests without the token");
    // The server can start the kernel from that spec ({resource_dir} expanded, the project's tslab).
    const started = await fetch(`${origin}/api/kernels?token=${token}`, { method: "POST", body: JSON.stringify({ name: "grulab" }) });
    assert.equal(started.status, 201);
    const { id } = (await started.json()) as { id: string };
    // Without a websocket client the server never asks the kernel for its state, so look for the
    // process it started: node running this project's tslab on the kernel's connection file.
    let command = "";
    for (let i = 0; i < 50 && !command; i++) {
      await new Promise((r) => setTimeout(r, 200));
      command = kernelProcess(id);
    }
    assert.ok(command.includes(path.join(ROOT, "node_modules", "tslab", "bin", "tslab")) ||
      command.includes("jupyter/kernels/grulab/../../../node_modules/tslab/bin/tslab"), `kernel process: ${command}`);
    await new Promise((r) => setTimeout(r, 1500));
    const k = await fetch(`${origin}/api/kernels/${id}?token=${token}`);
    assert.equal(k.status, 200);
    assert.notEqual(((await k.json()) as { execution_state: string }).execution_state, "dead");
    assert.equal(kernelProcess(id), command, "the kernel process is still running");
    const deleted = await fetch(`${origin}/api/kernels/${id}?token=${token}`, { method: "DELETE" });
    assert.equal(deleted.status, 204);
  } finally {
    child.kill("SIGTERM");
    const code = await exited;
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(code, 0, `lab exits cleanly on SIGTERM:\n${output}`);
  }
});
