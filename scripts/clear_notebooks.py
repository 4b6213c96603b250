"""Brings notebooks back to their committed form, in place (atomically).

    clear_notebooks.py [NOTEBOOK ...]     (default: notebooks/*.ipynb)

Removes outputs, execution counts, nbclient's timing metadata, cells tagged
`injected-parameters` and the runner's record metadata.grulab.run (metadata.grulab.ciParameters
stays) — what the test on committed notebooks (test/notebooks/notebooks.test.ts) checks.
"""
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grulab_jupyter as gj  # noqa: E402

import nbformat  # noqa: E402


def clear(nb):
    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    grulab = nb.metadata.get("grulab")
    if isinstance(grulab, dict):
        grulab.pop("run", None)
        if not grulab:
            nb.metadata.pop("grulab")
    return nb


def main(argv):
    paths = argv or sorted(glob.glob(os.path.join(gj.ROOT, "notebooks", "*.ipynb")))
    for path in paths:
        nb = clear(nbformat.read(path, as_version=4))
        gj.write_atomic(path, nbformat.writes(nb) + "\n")
        print(f"cleared {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
