"""Sends code-intelligence requests to the grulab kernel through the Jupyter protocol and prints
the kernel's replies as JSON: what JupyterLab asks for on Tab (complete_request) and Shift-Tab
(inspect_request).

    kernel_request.py [--cwd DIR] [--run CODE ...] [--run-stdout FILE] [--complete CODE ...] [--inspect CODE ...]

A fresh kernel starts in DIR (default notebooks/, where notebooks run), runs each --run cell
in order (a failing one stops with exit 1), then sends the requests in the order given, the
cursor at the end of CODE. Prints one JSON list: {"request", "code", "reply"} per request,
`reply` being the reply's content (status, matches / found, data). Exit 0 when every request
got an "ok" reply. --run-stdout FILE writes what the --run cells printed to stdout, in the order
the kernel sent it.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grulab_jupyter as gj  # noqa: E402


class Ordered(argparse.Action):
    """Keeps --complete/--inspect in command-line order."""

    def __call__(self, parser, namespace, values, option_string=None):
        namespace.requests.append((self.dest, values))


def main(argv):
    parser = argparse.ArgumentParser(prog="kernel_request.py", description=__doc__.split("\n")[0])
    parser.add_argument("--cwd", default=os.path.join(gj.ROOT, "notebooks"), help="the kernel's working folder")
    parser.add_argument("--run", action="append", default=[], metavar="CODE", help="a cell to execute first")
    parser.add_argument("--complete", action=Ordered, metavar="CODE", help="complete_request at the end of CODE")
    parser.add_argument("--inspect", action=Ordered, metavar="CODE", help="inspect_request at the end of CODE")
    parser.add_argument("--run-stdout", default=None, metavar="FILE", help="write the --run cells' stdout to FILE")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per request (default 120)")
    parser.set_defaults(requests=[])
    args = parser.parse_args(argv)
    if not args.requests:
        gj.fail("nothing to ask: give --complete CODE or --inspect CODE")
    if not os.path.isdir(args.cwd):
        gj.fail(f"--cwd {args.cwd}: no such folder")
    gj.check_tslab()
    gj.apply_env(gj.project_jupyter_env())

    from jupyter_client.manager import start_new_kernel  # noqa: E402

    km, kc = start_new_kernel(kernel_name=gj.KERNEL_NAME, cwd=args.cwd, startup_timeout=120)
    try:
        printed = []
        for code in args.run:
            streams = {"stdout": printed, "stderr": []}
            hook = lambda msg: streams[msg["content"]["name"]].append(msg["content"].get("text", "")) if (  # noqa: E731
                msg["msg_type"] == "stream" and msg["content"].get("name") in streams) else None
            reply = kc.execute_interactive(code, timeout=args.timeout, output_hook=hook)
            if reply["content"]["status"] != "ok":
                print(f"grulab: --run cell failed: {code!r}\n{''.join(streams['stderr'])}", file=sys.stderr)
                return 1
        if args.run_stdout is not None:
            with open(args.run_stdout, "w", encoding="utf-8") as f:
                f.write("".join(printed))
        results = []
        for kind, code in args.requests:
            send = kc.complete if kind == "complete" else kc.inspect
            msg_id = send(code, len(code))
            while True:
                reply = kc.get_shell_msg(timeout=args.timeout)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            results.append({"request": f"{kind}_request", "code": code, "reply": reply["content"]})
        print(json.dumps(results, indent=1))
        return 0 if all(r["reply"].get("status") == "ok" for r in results) else 1
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
