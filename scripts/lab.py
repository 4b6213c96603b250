"""Starts Jupyter for this project on 127.0.0.1 with a token, the grulab kernel visible.

    lab.py [--port N] [--browser]

JupyterLab when `jupyter-lab` is installed, else the classic notebook (`jupyter-notebook`,
Debian's 6.4). The committed kernelspec is found through JUPYTER_PATH (nothing is installed);
the user's own Jupyter config and data folders are kept. Prints the URL once the server
answers, then runs until Ctrl-C (or SIGTERM), which stops the server.
"""
import argparse
import os
import secrets
import shutil
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


def server_command(port, token, browser):
    lab = shutil.which("jupyter-lab")
    if lab:
        return "JupyterLab", [lab, "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
                              "--ServerApp.port_retries=0", f"--ServerApp.token={token}",
                              f"--ServerApp.root_dir={gj.ROOT}", f"--ServerApp.open_browser={browser}"]
    classic = shutil.which("jupyter-notebook") or ("/usr/bin/jupyter-notebook" if os.path.exists("/usr/bin/jupyter-notebook") else None)
    if classic:
        return "the classic notebook", [classic, "--ip=127.0.0.1", f"--port={port}", "--port-retries=0",
                                        f"--NotebookApp.token={token}", f"--notebook-dir={gj.ROOT}",
                                        f"--NotebookApp.open_browser={browser}"]
    gj.fail("neither jupyter-lab nor jupyter-notebook is installed; run as root: bash scripts/system-deps.sh")


def main(argv):
    parser = argparse.ArgumentParser(prog="npm run lab --", description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument("--browser", action="store_true", help="open a browser")
    args = parser.parse_args(argv)
    gj.check_tslab()
    port = args.port or free_port()
    token = os.environ.get("GRULAB_JUPYTER_TOKEN") or secrets.token_hex(24)
    name, cmd = server_command(port, token, args.browser)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # CI containers run as root; Jupyter refuses without it
    env = gj.project_jupyter_env(isolated=False)
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
            print(f"grulab: Jupyter is ready at {url}?token={token}", flush=True)
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
