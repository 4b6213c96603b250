#!/usr/bin/env python3
"""A grulab model exported with exportOnnx, on the Python side: onnxruntime, and PyTorch from the same weights.

Usage (each command takes one or more sets of files, so one Python start serves many models):
  python grulab_onnx.py onnxruntime MODEL.onnx INPUT.json OUT.json [MODEL.onnx INPUT.json OUT.json ...]
      Checks MODEL.onnx with onnx.checker, runs it with onnxruntime (1 thread) on INPUT.json
      ({"x": [flat float32 values], "shape": [...]}) and writes OUT.json: {"output", "shape",
      "onnxruntime", "onnx", "graph"}; "graph" is the model's nodes and initializers (as lists),
      what the torch command reads. Needs onnxruntime, onnx and numpy (the project's .venv).
  python grulab_onnx.py torch OUT.json INPUT.json [OUT.json INPUT.json ...]
      Builds the graph of OUT.json in PyTorch — every GRU, LSTM and RNN node as torch.nn.GRU,
      torch.nn.LSTM, torch.nn.RNN with the ONNX weights loaded into its state dict — runs it on
      INPUT.json and prints {"output", "shape", "torch"} as one JSON line (or {"error"}). Needs torch (Debian's
      python3-torch: /usr/bin/python3), no onnx package: the two commands may run in different
      Pythons. PyTorch holds only what it can express: reset-after GRUs (linear_before_reset 1),
      sigmoid/tanh gates (RNN: tanh or relu); anything else is an error naming the node.

Weight mapping ONNX → PyTorch (per direction; W [gates·H, D], R [gates·H, H], B = [Wb | Rb]):
  GRU  ONNX gate blocks z | r | h  → torch r | z | n:  weight_ih = W[r, z, h], weight_hh = R[r, z, h],
       bias_ih = Wb[r, z, h], bias_hh = Rb[r, z, h]
  LSTM ONNX i | o | f | c          → torch i | f | g | o
  RNN  one block: weight_ih = W, weight_hh = R, bias_ih = Wb, bias_hh = Rb
"""
import json
import sys


def _read_input(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return data["x"], data["shape"]


def onnxruntime_predict(model_path, input_path, out_path):
    import numpy as np
    import onnx
    import onnxruntime as ort
    from onnx import numpy_helper

    model = onnx.load(model_path)
    onnx.checker.check_model(model, full_check=True)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])
    values, shape = _read_input(input_path)
    x = np.asarray(values, dtype=np.float32).reshape(shape)
    (y,) = session.run(None, {session.get_inputs()[0].name: x})

    def attribute(a):
        value = onnx.helper.get_attribute_value(a)
        if isinstance(value, bytes):
            return value.decode("utf-8")
        if isinstance(value, list):
            return [v.decode("utf-8") if isinstance(v, bytes) else v for v in value]
        return value

    graph = {
        "input": model.graph.input[0].name,
        "output": model.graph.output[0].name,
        "initializers": {
            t.name: {"dtype": str(numpy_helper.to_array(t).dtype), "shape": list(t.dims), "values": numpy_helper.to_array(t).ravel().tolist()}
            for t in model.graph.initializer
        },
        "nodes": [
            {"op": n.op_type, "name": n.name, "inputs": list(n.input), "outputs": list(n.output),
             "attributes": {a.name: attribute(a) for a in n.attribute}}
            for n in model.graph.node
        ],
    }
    result = {"output": y.ravel().tolist(), "shape": list(y.shape), "onnxruntime": ort.__version__, "onnx": onnx.__version__, "graph": graph}
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(result, f)


# ONNX's gate blocks → PyTorch's, per cell: the ONNX block each torch block takes.
_TORCH_BLOCKS = {"GRU": [1, 0, 2], "LSTM": [0, 2, 3, 1], "RNN": [0]}
_TORCH_ACTIVATIONS = {"GRU": [["Sigmoid", "Tanh"]], "LSTM": [["Sigmoid", "Tanh", "Tanh"]], "RNN": [["Tanh"], ["Relu"]]}


def _recurrent(torch, node, env):
    """One ONNX GRU/LSTM/RNN node as a torch.nn module with the node's weights; returns its outputs."""
    op, attrs = node["op"], node["attributes"]
    name = node["name"]
    x, w, r = (env[i] for i in node["inputs"][:3])
    b = env[node["inputs"][3]] if len(node["inputs"]) > 3 and node["inputs"][3] else None
    if any(node["inputs"][4:]):
        raise ValueError(f"node {name}: inputs beyond X, W, R, B are not mapped to PyTorch")
    hidden = attrs["hidden_size"]
    direction = attrs.get("direction", "forward")
    dirs = 2 if direction == "bidirectional" else 1
    acts = attrs.get("activations")
    per_dir = len(acts) // dirs if acts else None
    if acts and not any(acts[:per_dir] == a and acts[per_dir:] in ([], a) for a in _TORCH_ACTIVATIONS[op]):
        raise ValueError(f"node {name} ({op}): activations {acts}; PyTorch's nn.{op} has only {_TORCH_ACTIVATIONS[op]}")
    if op == "GRU" and attrs.get("linear_before_reset", 0) != 1:
        raise ValueError(f"node {name} (GRU): linear_before_reset 0 (reset before, Keras 1 / tf.layers.gru); PyTorch's nn.GRU is reset-after only")
    blocks = _TORCH_BLOCKS[op]
    gates = len(blocks)
    reorder = lambda t: torch.cat([t[k * hidden:(k + 1) * hidden] for k in blocks], 0)
    d_in = x.shape[2]
    kwargs = {"bias": b is not None, "bidirectional": dirs == 2}
    if op == "RNN":
        kwargs["nonlinearity"] = "relu" if acts and acts[0] == "Relu" else "tanh"
    module = getattr(torch.nn, op)(d_in, hidden, **kwargs)
    state = {}
    for k in range(dirs):
        suffix = "_l0" + ("_reverse" if k == 1 else "")
        state["weight_ih" + suffix] = reorder(w[k])
        state["weight_hh" + suffix] = reorder(r[k])
        if b is not None:
            state["bias_ih" + suffix] = reorder(b[k][:gates * hidden])
            state["bias_hh" + suffix] = reorder(b[k][gates * hidden:])
    module.load_state_dict(state)
    sequence = torch.flip(x, [0]) if direction == "reverse" else x
    with torch.no_grad():
        y, states = module(sequence)
    if direction == "reverse":
        y = torch.flip(y, [0])
    steps, batch = y.shape[0], y.shape[1]
    y = y.reshape(steps, batch, dirs, hidden).permute(0, 2, 1, 3)  # ONNX's Y: [time, dirs, batch, hidden]
    return [y] + (list(states) if op == "LSTM" else [states])


def torch_predict(result_path, input_path):
    import torch

    with open(result_path, encoding="utf-8") as f:
        graph = json.load(f)["graph"]
    env = {}
    for name, t in graph["initializers"].items():
        dtype = torch.int64 if t["dtype"] == "int64" else torch.float32
        env[name] = torch.tensor(t["values"], dtype=dtype).reshape(t["shape"])
    values, shape = _read_input(input_path)
    env[graph["input"]] = torch.tensor(values, dtype=torch.float32).reshape(shape)
    simple = {
        "Identity": lambda n, a: a[0],
        "Transpose": lambda n, a: a[0].permute(*n["attributes"]["perm"]),
        "Squeeze": lambda n, a: a[0].squeeze(int(a[1][0])),
        "Gather": lambda n, a: torch.index_select(a[0], n["attributes"].get("axis", 0), a[1].reshape(-1)).reshape(
            list(a[0].shape[:n["attributes"].get("axis", 0)]) + list(a[1].shape) + list(a[0].shape[n["attributes"].get("axis", 0) + 1:])),
        "Concat": lambda n, a: torch.cat(a, n["attributes"]["axis"]),
        "Add": lambda n, a: a[0] + a[1],
        "Mul": lambda n, a: a[0] * a[1],
        "MatMul": lambda n, a: torch.matmul(a[0], a[1]),
        "Softmax": lambda n, a: torch.softmax(a[0], n["attributes"].get("axis", -1)),
        "Relu": lambda n, a: torch.relu(a[0]),
        "Tanh": lambda n, a: torch.tanh(a[0]),
        "Sigmoid": lambda n, a: torch.sigmoid(a[0]),
        "Cast": lambda n, a: a[0].to(torch.int64) if n["attributes"]["to"] == 7 else a[0].to(torch.float32),
        "OneHot": lambda n, a: torch.nn.functional.one_hot(a[0], int(a[1])).to(torch.float32) * (a[2][1] - a[2][0]) + a[2][0],
    }
    for node in graph["nodes"]:
        op = node["op"]
        args = [env[i] if i else None for i in node["inputs"]]
        if op in ("GRU", "LSTM", "RNN"):
            outs = _recurrent(torch, node, env)
        elif op == "Slice" and args[4].tolist() == [-1]:  # the reversal of a goBackwards layer's steps
            outs = [torch.flip(args[0], [int(args[3][0])])]
        elif op in simple:
            with torch.no_grad():
                outs = [simple[op](node, args)]
        else:
            raise ValueError(f"node {node['name']}: ONNX operator {op} is not mapped to PyTorch here")
        for name, value in zip(node["outputs"], outs):
            if name:
                env[name] = value
    y = env[graph["output"]]
    print(json.dumps({"output": y.reshape(-1).tolist(), "shape": list(y.shape), "torch": torch.__version__}), flush=True)


def main(argv):
    files = argv[2:]
    if len(argv) > 2 and argv[1] == "onnxruntime" and len(files) % 3 == 0:
        for k in range(0, len(files), 3):
            onnxruntime_predict(*files[k:k + 3])
    elif len(argv) > 2 and argv[1] == "torch" and len(files) % 2 == 0:
        for k in range(0, len(files), 2):
            try:
                torch_predict(*files[k:k + 2])
            except ValueError as e:  # what PyTorch cannot hold: reported, and the next model runs
                print(json.dumps({"error": f"{files[k]}: {e}"}))
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv)
