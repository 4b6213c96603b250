#!/usr/bin/env python3
"""The benchmark's peer: PyTorch's nn.GRU on one shape, driven by bench/bench.ts like a grulab child.

Usage: python3 bench/benchTorch.py SHAPE_JSON
  SHAPE_JSON: one BenchShape of bench/benchShapes.ts ({"name", "batch", "time", "inputDim",
  "units", "outputs", "task"}).
Protocol (one JSON object per line): prints {"ready": true, "torch": VERSION, "threads": N,
"blas": ...} once the model is built (or {"error": ...} and exits 1 when torch is missing), then
answers each line "train N" / "predict N" / "rss" read from stdin with {"ms": [...], "cpuMs": [...]}
(one entry per step of N back-to-back steps) or {"rssMb"}.

The model matches bench/benchChild.ts: GRU(units) (PyTorch's convention = Keras resetAfter true)
on the last step → Linear(outputs); classify: softmax + categorical cross-entropy
(F.cross_entropy on the logits), regress: mean squared error; Adam(lr 1e-3). A train step is
zero_grad + forward + loss + backward + Adam step, as trainOnBatch does in grulab.
lm (shape D, the character language model): Embedding(vocabulary, inputDim) → nn.GRU(units,
num_layers=layers, batch_first) → Linear(vocabulary) at every step, F.cross_entropy over all
batch × time steps, each gradient's norm clipped to 5 (per tensor, as grulab's and Keras's
clipnorm), Adam(lr 2e-3), as buildCharLm compiles. Predict: the softmax at every step.
Threads: torch.set_num_threads(2) (intra-op), OPENBLAS_NUM_THREADS=1 (set by the parent before
torch loads, so OpenBLAS does not start threads of its own on top of torch's).
"""
import json
import os
import resource
import sys
import time


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main():
    shape = json.loads(sys.argv[1])
    try:
        import torch
        import torch.nn.functional as F
    except ImportError as e:
        reply({"error": f"PyTorch is not importable by {sys.executable}: {e}"})
        sys.exit(1)
    threads = int(os.environ.get("GRULAB_PEER_THREADS", "2"))
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    B, T, D, H, O = shape["batch"], shape["time"], shape["inputDim"], shape["units"], shape["outputs"]
    task = shape["task"]
    lm = task == "lm"
    gru = torch.nn.GRU(D, H, num_layers=shape.get("layers", 1), batch_first=True)
    dense = torch.nn.Linear(H, O)
    embedding = torch.nn.Embedding(O, D) if lm else None
    params = list(gru.parameters()) + list(dense.parameters()) + (list(embedding.parameters()) if lm else [])
    optimizer = torch.optim.Adam(params, lr=2e-3 if lm else 1e-3)
    classify = task != "regress"
    if lm:
        ids = torch.randint(0, O, (B, T + 1))
        x, y = ids[:, :T].contiguous(), ids[:, 1:].reshape(-1).contiguous()
    else:
        x = torch.randn(B, T, D)
        y = torch.randint(0, O, (B,)) if classify else torch.randn(B, O)

    def forward():
        if lm:
            out, _ = gru(embedding(x))
            return dense(out).reshape(B * T, O)
        out, _ = gru(x)
        return dense(out[:, -1, :])

    def train():
        optimizer.zero_grad()
        logits = forward()
        loss = F.cross_entropy(logits, y) if classify else F.mse_loss(logits, y)
        loss.backward()
        if lm:
            for p in params:
                torch.nn.utils.clip_grad_norm_([p], 5.0)
        optimizer.step()
        value = float(loss)
        if value != value:
            raise RuntimeError(f"torch peer: shape {shape['name']}: loss {value}")

    def predict():
        with torch.no_grad():
            p = forward()
            if classify:
                p = torch.softmax(p, dim=1)
            p.numpy()

    reply({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads(),
           "openblasThreads": os.environ.get("OPENBLAS_NUM_THREADS")})
    for line in sys.stdin:
        cmd, _, count = line.strip().partition(" ")
        try:
            if cmd == "rss":
                reply({"rssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})
                continue
            run = {"train": train, "predict": predict}.get(cmd)
            if run is None:
                reply({"error": f"torch peer: unknown command {cmd!r}, expected train, predict or rss"})
                continue
            ms, cpu_ms = [], []
            for _ in range(int(count or 1)):
                c0 = time.process_time()
                t0 = time.perf_counter()
                run()
                ms.append((time.perf_counter() - t0) * 1000)
                cpu_ms.append((time.process_time() - c0) * 1000)
            reply({"ms": ms, "cpuMs": cpu_ms})
        except Exception as e:  # reported to the parent, which marks this peer failed and goes on
            reply({"error": f"{type(e).__name__}: {e}"})


if __name__ == "__main__":
    main()
