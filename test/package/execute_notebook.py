"""Executes a notebook headless with nbclient through the kernelspec named in its metadata, as a
user's Jupyter would (JUPYTER_PATH and friends come from the environment), in the notebook's
own folder, and writes the executed copy to OUT. Used by test/package/userProject.test.ts.

    execute_notebook.py NOTEBOOK OUT

Exit 0 when every cell ran; 1 otherwise (the executed copy is written in both cases, with the
failing cell's stderr in its outputs: tslab sends no Jupyter error message).
"""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(src, out):
    nb = nbformat.read(src, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name=nb.metadata["kernelspec"]["name"],
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(src))}})
    status = 0
    try:
        client.execute()
    except CellExecutionError as err:
        print(f"execute_notebook: a cell failed: {err}", file=sys.stderr)
        status = 1
    nbformat.write(nb, out)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
