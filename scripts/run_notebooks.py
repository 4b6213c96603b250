"""Executes notebooks with the real tslab kernel through nbclient and writes executed copies.

    run_notebooks.py [NOTEBOOK ...] [--ci] [-p name=value ...] [--output-dir DIR] [--timeout S]
                     [--quiet] [--no-execute]
    run_notebooks.py --record NOTEBOOK ... [--output-dir DIR] [--runs DIR]  (npm run record -- NOTEBOOK)

Without NOTEBOOK, every notebooks/*.ipynb runs. Each code cell is printed as it starts with its
timing when done; its stdout/stderr stream live (unless --quiet). The executed copy goes to
DIR/<name>.ipynb (default runs/notebooks/), written atomically, also when a cell fails; the run
is recorded in its metadata.grulab.run (parameters, time, status). `--ci` uses each notebook's
small parameters, metadata.grulab.ciParameters (`-p` still overrides them). `--no-execute`
only writes the copy with its parameters injected (what the JupyterLab test opens). `--record`
makes the notebook of record (scripts/notebook_record.py): the notebook at its study's parameters,
metadata.grulab.recordParameters, written to docs/records/<name>.ipynb (or DIR) with its outputs
slimmed and the hash of its source; a notebook that fails writes no record (the old one stays).
A record's kernel trains into a fresh runs folder (GRULAB_RUNS, removed afterwards), so every run
and sweep trial trains anew; `--runs DIR` gives it an existing runs folder instead (kept), whose
finished sweep trials the notebook's study reads back (e.g. DIR/sweeps/charlm-study, a link to the
folder a `grulab study charlm --sweeps` run left): the record then says so in metadata.grulab.record.runs.

tslab quirks handled here (FIELD-NOTES):
- tslab sends no Jupyter `error` message: the error text of a failed cell is read from the
  cell's stderr stream outputs and printed with the cell's index and source.
- cells sent within ~200 ms after a failed cell are skipped by tslab: the runner stops a
  notebook at its first failed cell, so nothing after it is reported as run.
- a rejected promise that is not awaited, or a throw in a timer, does not fail a cell: the
  runner installs `unhandledRejection`/`uncaughtException` listeners in the kernel and, after
  every cell, asks for what they caught; anything caught fails the notebook at that cell.
Exit status: 0 all ran, 1 a notebook failed, 2 bad arguments/parameters (before any kernel).
"""
import argparse
import asyncio
import datetime
import glob
import json
import os
import re
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grulab_jupyter as gj  # noqa: E402
import notebook_params as params  # noqa: E402
import notebook_record as record  # noqa: E402

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402

GUARD_INSTALL = """{
  const g = globalThis as any;
  if (!g.__grulabRunner) {
    g.__grulabRunner = { errors: [] as string[] };
    const record = (kind: string) => (e: any) => {
      g.__grulabRunner.errors.push(kind + ": " + (e && e.stack ? e.stack : String(e)));
    };
    process.on("unhandledRejection", record("unhandled promise rejection (a promise not awaited)"));
    process.on("uncaughtException", record("uncaught exception (e.g. thrown in a timer)"));
  }
}"""
GUARD_CHECK = """{
  const r = (globalThis as any).__grulabRunner;
  console.log("__GRULAB_ASYNC__" + JSON.stringify(r ? r.errors.splice(0) : []));
}"""


# Stack frames of node's vm and of tslab itself: noise in a notebook's error report.
INTERNAL_FRAME = re.compile(r"^\s+at .*(node:vm|node_modules/tslab/|sigintHandlersWrap|ZmqServer)")


def show_path(path):
    """A path relative to the current folder when below it, else absolute."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


class CellFailure(Exception):
    def __init__(self, index, cell, text):
        super().__init__(text)
        self.index, self.cell, self.text = index, cell, text


class EchoingClient(NotebookClient):
    """NotebookClient that echoes stream outputs live (training progress) while recording them."""

    echo = True

    def process_message(self, msg, cell, cell_index):
        if self.echo and msg.get("msg_type") == "stream":
            text = msg["content"].get("text", "")
            out = sys.stderr if msg["content"].get("name") == "stderr" else sys.stdout
            out.write("".join("    | " + line for line in text.splitlines(True)))
            if not text.endswith("\n"):
                out.write("\n")
            out.flush()
        return super().process_message(msg, cell, cell_index)


def first_line(source, width=70):
    lines = [ln for ln in source.strip().splitlines() if ln.strip()]
    text = lines[0].strip() if lines else ""
    more = " ..." if len(lines) > 1 else ""
    return (text[:width] + "...") if len(text) > width else text + more


def error_text(cell, reply=None):
    """The error of a failed cell: tslab's stderr stream outputs (plus ename/evalue if sent)."""
    parts = [o.get("text", "") for o in cell.get("outputs", [])
             if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            parts.append(f"{o.get('ename', '')}: {o.get('evalue', '')}")
    content = (reply or {}).get("content", {})
    if content.get("ename") or content.get("evalue"):
        parts.append(f"{content.get('ename', '')}: {content.get('evalue', '')}")
    lines = [ln for ln in "".join(parts).strip().splitlines() if not INTERNAL_FRAME.search(ln)]
    return "\n".join(lines) or "(the kernel reported an error but wrote nothing to stderr)"


async def run_guard(client, code):
    """Runs runner-internal code in the kernel (not stored in the notebook); returns stdout."""
    chunks = []

    def hook(msg):
        if msg.get("msg_type") == "stream":
            chunks.append(msg["content"].get("text", ""))

    reply = await client.kc.execute_interactive(code, store_history=False, output_hook=hook, timeout=60)
    if reply["content"].get("status") != "ok":
        raise RuntimeError("the runner's guard code failed in the kernel: " + "".join(chunks))
    return "".join(chunks)


async def async_errors(client):
    out = await run_guard(client, GUARD_CHECK)
    for line in out.splitlines():
        if line.startswith("__GRULAB_ASYNC__"):
            return json.loads(line[len("__GRULAB_ASYNC__"):])
    return []


async def execute(nb, path, args):
    """Runs every code cell of `nb` in order; raises CellFailure at the first failed cell."""
    kernel = nb.metadata.get("kernelspec", {}).get("name") or gj.KERNEL_NAME
    client = EchoingClient(nb, kernel_name=kernel, timeout=args.timeout, allow_errors=False,
                           resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    client.echo = not args.quiet
    replies = {}
    client.on_cell_executed = lambda cell, cell_index, execute_reply: replies.__setitem__(cell_index, execute_reply)
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]
    t0 = time.time()
    print(f"  starting kernel {kernel} ...", flush=True)
    async with client.async_setup_kernel():
        print(f"  kernel ready in {time.time() - t0:.1f} s", flush=True)
        await run_guard(client, GUARD_INSTALL)
        for n, i in enumerate(code_cells, 1):
            cell = nb.cells[i]
            print(f"  [{n}/{len(code_cells)}] cell {i}: {first_line(cell.source)}", flush=True)
            start = time.time()
            try:
                await client.async_execute_cell(cell, i, execution_count=n)
            except CellTimeoutError:
                raise CellFailure(i, cell, f"timed out after {args.timeout} s")
            except DeadKernelError:
                raise CellFailure(i, cell, "the kernel died\n" + error_text(cell))
            except CellExecutionError:
                raise CellFailure(i, cell, error_text(nb.cells[i], replies.get(i)))
            status = (replies.get(i) or {}).get("content", {}).get("status", "ok")
            if status != "ok":  # e.g. "abort": tslab skipped the cell
                raise CellFailure(i, cell, f"the kernel answered status {status!r}\n" + error_text(cell))
            caught = await async_errors(client)
            if caught:
                raise CellFailure(i, cell, error_text({"outputs": [
                    {"output_type": "stream", "name": "stderr", "text": "\n".join(caught)}]})
                    + "\n(asynchronous: it surfaced while or just after this cell ran; it may come from an earlier one)")
            print(f"      ok {time.time() - start:.2f} s", flush=True)
        await asyncio.sleep(0.3)  # let late timers/rejections of the last cell surface
        caught = await async_errors(client)
        if caught:
            raise CellFailure(code_cells[-1], nb.cells[code_cells[-1]], "\n".join(caught)
                              + "\n(asynchronous: it surfaced after the last cell ran; it may come from an earlier one)")


def print_failure(path, failure):
    bar = "-" * 72
    print(bar, file=sys.stderr)
    print(f"FAILED {path}: cell {failure.index}", file=sys.stderr)
    print("source:", file=sys.stderr)
    for line in failure.cell.source.splitlines():
        print("    " + line, file=sys.stderr)
    print("error:", file=sys.stderr)
    for line in failure.text.splitlines():
        print("    " + line, file=sys.stderr)
    print(bar, file=sys.stderr)


def main(argv):
    parser = argparse.ArgumentParser(prog="npm run notebook --", description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebook files (default: notebooks/*.ipynb)")
    parser.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
                        help="override a default of the cell tagged `parameters`")
    parser.add_argument("--output-dir", default=None, help="default runs/notebooks/ (docs/records/ with --record)")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per cell (default 1800)")
    parser.add_argument("--quiet", action="store_true", help="do not echo cell output live")
    parser.add_argument("--ci", action="store_true",
                        help="the notebook's metadata.grulab.ciParameters (else epochs=2 units=16 where declared)")
    parser.add_argument("--no-execute", action="store_true", help="write the copy with parameters injected, run nothing")
    parser.add_argument("--record", action="store_true",
                        help="the notebook of record: its metadata.grulab.recordParameters, outputs slimmed, into docs/records/")
    parser.add_argument("--runs", default=None, metavar="DIR",
                        help="with --record: an existing runs folder for the kernel (its finished sweep trials are "
                             "read back) instead of a fresh one")
    args = parser.parse_args(argv)
    if args.runs is not None and not args.record:
        gj.fail("--runs is for --record (a record's kernel otherwise trains into a fresh runs folder); "
                "without --record set GRULAB_RUNS=DIR instead")
    if args.runs is not None and not os.path.isdir(args.runs):
        gj.fail(f"--runs {args.runs}: no such folder (an existing runs folder whose sweeps the record reads back)")
    if args.record and (args.parameter or args.ci or args.no_execute):
        gj.fail("--record runs a notebook at its study's parameters (metadata.grulab.recordParameters): "
                "it takes no -p, --ci or --no-execute; change recordParameters in the notebook instead")
    if args.record and not args.notebooks:
        gj.fail("--record needs the notebooks to record, e.g. npm run record -- notebooks/01-tutorial.ipynb")
    if args.output_dir is None:
        args.output_dir = os.path.join(gj.ROOT, record.RECORDS_DIR if args.record else os.path.join("runs", "notebooks"))

    paths = args.notebooks or sorted(glob.glob(os.path.join(gj.ROOT, "notebooks", "*.ipynb")))
    if not paths:
        gj.fail("no notebooks found in notebooks/")
    # Everything that can be checked without a kernel is checked first.
    jobs = []
    try:
        given = params.parse_assignments(args.parameter)
        for path in paths:
            if not os.path.isfile(path):
                gj.fail(f"{path}: no such notebook")
            try:
                nb = nbformat.read(path, as_version=4)
            except Exception as e:  # nbformat raises several types for bad JSON/schema
                gj.fail(f"{path}: not a readable notebook ({e})")
            raw = {**(params.ci_assignments(nb, path) if args.ci else {}), **given}
            source_hash = record.source_sha256(nb)
            if args.record:
                raw = params.ci_assignments(nb, path, key="recordParameters")
            values = params.convert(path, params.read_parameters(nb, path), raw) if raw else {}
            if values:
                params.inject(nb, values)
            jobs.append((path, nb, values, source_hash))
    except params.ParameterError as e:
        gj.fail(str(e))
    if args.no_execute:
        for path, nb, values, _ in jobs:
            out = os.path.join(args.output_dir, os.path.basename(path))
            gj.write_atomic(out, nbformat.writes(nb))
            print(f"wrote {show_path(out)} with " + (" ".join(f"{k}={params._show(v)}" for k, (_, v) in values.items()) or "no parameters"))
        return 0
    gj.check_tslab()
    gj.apply_env(gj.project_jupyter_env())
    records_runs = None
    if args.record:
        # A fresh runs folder for the kernel: every run and sweep trial of a record trains anew.
        # (or the one --runs names, kept: its finished sweep trials are read back).
        records_runs = os.path.abspath(args.runs) if args.runs else tempfile.mkdtemp(prefix="grulab-record-runs-")
        os.environ["GRULAB_RUNS"] = records_runs
    try:
        return run_jobs(jobs, args, records_runs)
    finally:
        if records_runs and not args.runs:
            shutil.rmtree(records_runs, ignore_errors=True)


def run_jobs(jobs, args, records_runs):
    """Executes each job, writes its copy (or record); the exit status."""

    failed = []
    for path, nb, values, source_hash in jobs:
        rel = show_path(path)
        shown = " ".join(f"{k}={params._show(v)}" for k, (_, v) in values.items())
        print(f"notebook {rel}" + (f" with {shown}" if shown else ""), flush=True)
        start = time.time()
        failure = None
        try:
            asyncio.run(execute(nb, path, args))
        except CellFailure as f:
            failure = f
        seconds = time.time() - start
        nb.metadata.setdefault("grulab", {})["run"] = {
            "parameters": {k: v for k, (_, v) in values.items()},
            "executed": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "seconds": round(seconds, 1),
            "status": "failed" if failure else "ok",
        }
        out = os.path.join(args.output_dir, os.path.basename(path))
        if args.record:
            if failure:
                print_failure(rel, failure)
                print(f"  no record written: {show_path(out)} stays as it was", flush=True)
                failed.append(rel)
                continue
            loaders, figures = record.slim_outputs(nb, [(records_runs, "runs"), (gj.ROOT, ".")])
            nb.metadata["grulab"]["record"] = {
                "source": os.path.relpath(os.path.abspath(path), gj.ROOT),
                "sourceSha256": source_hash,
                "command": f"npm run record -- {os.path.relpath(os.path.abspath(path), gj.ROOT)}",
            }
            if args.runs:
                nb.metadata["grulab"]["record"]["runs"] = (
                    "an existing runs folder (--runs): sweep trials finished there were read back, not trained in this run")
            print(f"  record: plotly.js loader left out {loaders}x, figure HTML {figures}x (their plotly JSON stays)", flush=True)
        text = nbformat.writes(nb) + ("\n" if args.record else "")
        gj.write_atomic(out, text)
        size = len(text.encode("utf-8"))
        if failure:
            print_failure(rel, failure)
            print(f"  wrote the partly executed copy to {show_path(out)} ({size / 1e3:.0f} kB)", flush=True)
            failed.append(rel)
        else:
            print(f"  done in {seconds:.1f} s; wrote {show_path(out)} ({size / 1e3:.0f} kB)", flush=True)
    if failed:
        print(f"{len(failed)} of {len(jobs)} notebook(s) failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"all {len(jobs)} notebook(s) ran", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
