"""Registers the grulab kernel ("TypeScript (grulab)") for the user's Jupyter.

    kernel_install.py [--prefix DIR | --sys-prefix]

The committed kernelspec (jupyter/kernels/grulab/kernel.json) finds tslab relative to its own
folder ({resource_dir}); an installed copy lives elsewhere, so it gets the absolute path of this
project's node_modules tslab and of the current node instead. No global tslab is needed; JupyterLab
and the classic notebook both read the same kernelspec folders. Re-run after moving the project.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grulab_jupyter as gj  # noqa: E402

from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402


def main(argv):
    parser = argparse.ArgumentParser(prog="npm run kernel:install --", description=__doc__.split("\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--prefix", help="install into PREFIX/share/jupyter/kernels instead of the user's folder")
    where.add_argument("--sys-prefix", action="store_true", help="install into sys.prefix (a virtualenv)")
    args = parser.parse_args(argv)
    gj.check_tslab()
    node = shutil.which("node")
    if not node:
        gj.fail("node is not on PATH")
    spec = gj.read_kernel_json()
    argv_ = [os.path.realpath(node) if a == "node" else a for a in spec["argv"]]
    argv_ = [gj.TSLAB_BIN if a.startswith("{resource_dir}") and a.endswith("tslab") else a for a in argv_]
    spec["argv"] = argv_
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, gj.KERNEL_NAME)
        os.makedirs(folder)
        with open(os.path.join(folder, "kernel.json"), "w", encoding="utf-8") as f:
            json.dump(spec, f, indent=2)
        prefix = sys.prefix if args.sys_prefix else args.prefix
        dest = KernelSpecManager().install_kernel_spec(folder, gj.KERNEL_NAME, user=prefix is None, prefix=prefix)
    print(f"installed kernel {gj.KERNEL_NAME!r} ({spec['display_name']}) in {dest}")
    print(f"  it runs: {' '.join(argv_)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
