"""Notebooks of record: a notebook executed at its study's parameters, saved with its outputs.

`npm run record -- notebooks/NAME.ipynb` (scripts/run_notebooks.py --record) runs the notebook at
metadata.grulab.recordParameters and writes docs/records/NAME.ipynb with:
- metadata.grulab.record: the source notebook's path, the sha256 of its cells (source_sha256: what
  the committed record was produced from) and the command that makes it again;
- outputs slimmed for committing (slim_outputs): plotly.js's loader (2 MB of gzipped script) is
  left out, and each figure keeps its application/vnd.plotly.v1+json (JupyterLab and VS Code draw
  it without scripts) and its text/plain line, not the HTML that needs the loader; the checkout's
  absolute path in printed text is written relative to it (`datasets/…`), and the fresh runs
  folder the record's kernel trains into (GRULAB_RUNS, so every run and sweep trial trains anew)
  as `runs`, so a record says nothing about the machine it was made on.
test/repo/notebookRecords.test.ts recomputes source_sha256 in TypeScript: keep the two in step.
"""
import hashlib
import os

RECORDS_DIR = os.path.join("docs", "records")
LOADER_NOTE = ("plotly.js loader: left out of this record (2 MB); JupyterLab and VS Code draw the figures "
               "from their application/vnd.plotly.v1+json")


def _text(source):
    return "".join(source) if isinstance(source, list) else source


def source_sha256(nb):
    """sha256 (hex) of the notebook's cells as written: for each cell, its type, a newline, its
    source, a newline and a NUL byte, UTF-8. Outputs, ids and metadata do not count, nor do cells
    tagged `injected-parameters` (the runner adds them)."""
    h = hashlib.sha256()
    for cell in nb["cells"]:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            continue
        h.update((cell["cell_type"] + "\n" + _text(cell["source"]) + "\n\0").encode("utf-8"))
    return h.hexdigest()


def _relative(text, paths):
    """`text` (a string or nbformat's list of lines) with each absolute folder of `paths`
    ([(folder, shown as)], in order) written as its short name."""
    if isinstance(text, list):
        return [_relative(t, paths) for t in text]
    for folder, shown in paths:
        text = text.replace(folder + os.sep, "" if shown == "." else shown + "/").replace(folder, shown)
    return text


def slim_outputs(nb, paths=()):
    """Leaves plotly.js's loader and the figures' script HTML out of the outputs, in place, and
    writes the folders of `paths` ([(absolute folder, shown as)], e.g. [(checkout, ".")]) by their
    short names in stream text, text/plain and text/html. Returns (loaders left out, figure HTMLs left out)."""
    loaders = figures = 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if paths and "text" in out:
                out["text"] = _relative(out["text"], paths)
            data = out.get("data")
            if not data:
                continue
            if "grulab-plotly-loader" in _text(data.get("text/html", "")):
                out["data"] = {"text/plain": LOADER_NOTE}
                loaders += 1
                continue
            if "application/vnd.plotly.v1+json" in data and "text/html" in data:
                del data["text/html"]
                figures += 1
            for kind in ("text/plain", "text/html"):
                if paths and kind in data:
                    data[kind] = _relative(data[kind], paths)
    return loaders, figures
