"""Starts JupyterLab 4 from the project's pinned environment on 127.0.0.1 with a token.

    lab.py [--port N] [--browser] [--root DIR] [--Class.option=value ...]

The committed kernelspec "TypeScript (grulab)" is found through JUPYTER_PATH (nothing is
installed). JupyterLab's config, data and runtime folders default to the project's
`.jupyter-local/` (git-ignored): the user's own Jupyter is neither read nor written (use
`npm run kernel:install` to add the kernel to it). JupyterLab's update check and news feed are
off (no network at run time). Prints the URL once the server answers, then runs until Ctrl-C
(or SIGTERM), which stops the server. Options of the form --Class.option=value go to JupyterLab.
"""
import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grulab_jupyter as gj  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_command(port, token, browser, root):
    return [sys.executable, "-m", "jupyterlab", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0", f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}",
            f"--ServerApp.open_browser={browser}", "--LabApp.news_url=None",
            # The project's defaults (jupyter/lab/settings/overrides.json): no news, no update check.
            f"--LabApp.app_settings_dir={os.path.join(gj.ROOT, 'jupyter', 'lab', 'settings')}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]


def main(argv):
    parser = argparse.ArgumentParser(prog="npm run lab --", description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument("--browser", action="store_true", help="open a browser")
    parser.add_argument("--root", default=gj.ROOT, help="the folder JupyterLab shows (default: the project)")
    args, extra = parser.parse_known_args(argv)
    bad = [a for a in extra if not a.startswith("--") or "." not in a.split("=")[0]]
    if bad:
        parser.error(f"unrecognized arguments: {' '.join(bad)} (JupyterLab options look like --Class.option=value)")
    if not os.path.isdir(args.root):
        gj.fail(f"--root {args.root}: no such folder")
    gj.check_tslab()
    port = args.port or free_port()
    token = os.environ.get("GRULAB_JUPYTER_TOKEN") or secrets.token_hex(24)
    name, cmd = "JupyterLab", server_command(port, token, args.browser, os.path.abspath(args.root)) + extra
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # CI containers run as root; Jupyter refuses without it
    env = gj.project_jupyter_env(os.path.join(gj.ROOT, ".jupyter-local"))
    print(f"grulab: starting {name} on 127.0.0.1:{port} (kernels from {os.path.join(gj.ROOT, 'jupyter')})", flush=True)
    server = subprocess.Popen(cmd, env=env)

    def stop(signum, frame):
        server.terminate()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 60
    while server.poll() is None and time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}api/kernelspecs?token={token}", timeout=2).read()
            print(f"grulab: JupyterLab is ready at {url}lab?token={token}", flush=True)
            print("grulab: choose the kernel \"TypeScript (grulab)\"; Ctrl-C stops the server", flush=True)
            break
        except OSError:
            time.sleep(0.3)
    else:
        if server.poll() is None:
            server.terminate()
            server.wait()
            gj.fail(f"{name} did not answer on {url} within 60 s")
        gj.fail(f"{name} exited with status {server.returncode} before answering (see its log above)")
    try:
        code = server.wait()
    except KeyboardInterrupt:
        server.terminate()
        code = server.wait()
    return 0 if code in (0, -signal.SIGTERM, -signal.SIGINT) else code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
