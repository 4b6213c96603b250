"""Shared helpers for grulab's Jupyter scripts (notebook runner, lab, kernel requests).

They run in the project's pinned environment .venv/ (scripts/python.sh creates it from
jupyter/requirements.txt); nothing here may assume a system-wide Jupyter.
"""
import json
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL_NAME = "grulab"
TSLAB_BIN = os.path.join(ROOT, "node_modules", "tslab", "bin", "tslab")


def fail(message):
    """Prints `grulab: <message>` on stderr and exits with status 2 (usage/setup errors)."""
    print(f"grulab: {message}", file=sys.stderr)
    sys.exit(2)


def check_tslab():
    """Stops with the command to run when the project's own tslab is not installed."""
    if not os.path.isfile(TSLAB_BIN):
        fail(f"{os.path.relpath(TSLAB_BIN, ROOT)} is missing: run `npm ci` in {ROOT} first")


def project_jupyter_env(base=None):
    """The environment for Jupyter processes started for this project.

    JUPYTER_PATH gets the project's `jupyter/` folder first, so the committed kernelspec
    `jupyter/kernels/grulab` is found without installing anything. Jupyter's config, data and
    runtime dirs point into `base` (default `runs/.jupyter/`) unless already set, so that the
    project's Jupyter processes leave the user's own Jupyter ($HOME) untouched.
    """
    env = dict(os.environ)
    paths = [os.path.join(ROOT, "jupyter")]
    if env.get("JUPYTER_PATH"):
        paths.append(env["JUPYTER_PATH"])
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    base = base or os.path.join(ROOT, "runs", ".jupyter")
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_RUNTIME_DIR", "runtime")):
        if not env.get(var):
            env[var] = os.path.join(base, sub)
        os.makedirs(env[var], exist_ok=True)
    # debugpy (ipykernel's) prints a frozen-modules warning on every start without this.
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def apply_env(env):
    """Makes `env` the environment of this process (jupyter_client reads os.environ)."""
    os.environ.clear()
    os.environ.update(env)


def write_atomic(path, text):
    """Writes `text` to `path` through a temporary file in the same folder and a rename."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600 files
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise

