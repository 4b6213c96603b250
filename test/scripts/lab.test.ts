// needs: jupyter
// `npm run lab` (scripts/lab.py): JupyterLab 4 from the pinned environment on 127.0.0.1 with a
// token, the grulab kernel listed and startable, plotly's renderer installed, $HOME untouched.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { ROOT, tempDir } from "../support/jupyterScripts";
import { startLab } from "../support/jupyterLab";

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

/** The files below `dir`, relative to it. */
function filesBelow(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

test("lab starts JupyterLab 4 on 127.0.0.1 with a token, lists and starts the grulab kernel, leaves $HOME alone, and stops", async () => {
  const home = tempDir("lab-home");
  // No JUPYTER_* variables: lab.py itself must keep Jupyter's files out of $HOME.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("JUPYTER")));
  const lab = await startLab({ ...env, HOME: home });
  const { origin, token } = lab;
  try {
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
    // process it started: node running grulab's kernel launcher (the project's tslab, patched) on the kernel's connection file.
    let command = "";
    for (let i = 0; i < 50 && !command; i++) {
      await new Promise((r) => setTimeout(r, 200));
      command = kernelProcess(id);
    }
    assert.ok(command.includes(path.join(ROOT, "dist", "src", "cli", "tslabKernel.js")) ||
      command.includes("jupyter/kernels/grulab/../../../dist/src/cli/tslabKernel.js"), `kernel process: ${command}`);
    await new Promise((r) => setTimeout(r, 1500));
    const k = await fetch(`${origin}/api/kernels/${id}?token=${token}`);
    assert.equal(k.status, 200);
    assert.notEqual(((await k.json()) as { execution_state: string }).execution_state, "dead");
    assert.equal(kernelProcess(id), command, "the kernel process is still running");
    const deleted = await fetch(`${origin}/api/kernels/${id}?token=${token}`, { method: "DELETE" });
    assert.equal(deleted.status, 204);
    // The page is JupyterLab 4 from .venv, with plotly's renderer and the project's settings.
    const page = await (await fetch(`${origin}/lab?token=${token}`)).text();
    const config = JSON.parse(/<script id="jupyter-config-data" type="application\/json">([\s\S]*?)<\/script>/.exec(page)![1]);
    assert.match(config.appVersion, /^4\./);
    assert.ok(config.federated_extensions.some((e: { name: string }) => e.name === "jupyterlab-plotly"), "plotly's renderer");
    // jupyter/lab/settings/overrides.json changes the defaults the settings' schema reports.
    const notification = await (await fetch(`${origin}/lab/api/settings/@jupyterlab/apputils-extension:notification?token=${token}`)).json() as
      { schema: { properties: { fetchNews: { default: string }; checkForUpdates: { default: boolean } } } };
    assert.equal(notification.schema.properties.fetchNews.default, "false", "no news feed (no network at run time)");
    assert.equal(notification.schema.properties.checkForUpdates.default, false);
    // tslab answers a completion after type-checking every earlier cell: seconds on a loaded machine,
    // past JupyterLab's 1 s provider timeout, after which the completer drops the answer.
    const completer = await (await fetch(`${origin}/lab/api/settings/@jupyterlab/completer-extension:manager?token=${token}`)).json() as
      { schema: { properties: { providerTimeout: { default: number } } } };
    assert.equal(completer.schema.properties.providerTimeout.default, 15000, "tslab's completions are not dropped after 1 s");
  } finally {
    const code = await lab.stop();
    const leftInHome = filesBelow(home);
    fs.rmSync(home, { recursive: true, force: true });
    assert.equal(code, 0, `lab exits cleanly on SIGTERM:\n${lab.output()}`);
    assert.deepEqual(leftInHome.filter((f) => /jupyter/i.test(f)), [], "nothing Jupyter in $HOME");
    assert.ok(fs.existsSync(path.join(ROOT, ".jupyter-local", "runtime")), "Jupyter's runtime files in .jupyter-local/");
  }
});
