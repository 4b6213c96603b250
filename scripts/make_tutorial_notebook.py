"""Writes notebooks/01-tutorial.ipynb from the cells below (no outputs: the committed form).

    /usr/bin/python3 scripts/make_tutorial_notebook.py

Edit the cells here, or edit the notebook in Jupyter and clear its outputs before committing
(test/notebooks/committedNotebooks.test.ts enforces: no outputs, no execution counts).
"""
import os
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
cells = []


def md(text):
    cells.append(new_markdown_cell(text.strip("\n")))


def code(text, tags=None):
    cells.append(new_code_cell(text.strip("\n"), metadata={"tags": tags} if tags else {}))


md(r"""
# GRU, step by step — the tutorial reproduced (and corrected) in TypeScript

This notebook follows a Chinese GRU tutorial (kept in `shared/seed/000_e9fdf1a32194d20e.txt`)
section by section, with its headings translated: **1 Background · 2 Core concepts · 3 Algorithm
and equations · 4 Code · 5 Outlook · 6 FAQ**. Its code — a Keras `GRU(128, tanh) → Dense(softmax)`
classifier — is rebuilt with tfjs through grulab's library (`../dist/src/index`, the very code in
`src/`), trained on real data, and measured. Its equations are *not* a GRU; section 3 shows why,
politely and with numbers, and gives the real ones.

Run it in Jupyter with the kernel **TypeScript (grulab)** (`npm run lab`), or headless:
`npm run notebook -- notebooks/01-tutorial.ipynb -p epochs=2 -p units=16`.
""")

md(r"""
**Parameters.** The next cell is tagged `parameters` (papermill's convention): `npm run notebook`
can override these defaults with `-p name=value`.
""")

code(r"""
const epochs = 20;     // training epochs (the tests run 2)
const units = 128;     // GRU width: the seed's GRU(128)
const timesteps = 14;  // past days in each input window
const seed = 42;       // initial weights and shuffling order
""", tags=["parameters"])

code(r"""
import * as tf from "@tensorflow/tfjs";
import * as grulab from "../dist/src/index";  // the library, built from src/ by `npm run build`

const backend = await grulab.initBackend();
console.log(`tfjs ${tf.version.tfjs}, backend ${backend}; epochs ${epochs}, units ${units}, timesteps ${timesteps}, seed ${seed}`);
""")

md(r"""
## 1 Background

*(translated from the seed)* The rapid development of artificial intelligence has brought great
convenience to our lives. As deep learning keeps developing, neural networks have become one of
the key techniques of AI. Among neural networks, the gated recurrent unit (GRU) is a special kind
of recurrent neural network (RNN) with strong advantages on sequence data. This article presents
the GRU's core concepts, algorithm, concrete steps and equations, and illustrates them with code.

*grulab's note.* The seed's code never defines its data (`X_train`, `timesteps`, `input_dim`, …).
Here the task is real: from the last `timesteps` days of Seattle weather (precipitation,
temperatures, wind, day of year) predict the next day's weather class — one of *rain, sun, fog,
drizzle, snow* (`datasets/seattle-weather.csv`, from the vega-datasets package).
""")

md(r"""
## 2 Core concepts: RNN and GRU

### 2.1 Recurrent neural networks (RNN)

*(translated)* A recurrent neural network is a special type of neural network that processes
sequence data, for tasks such as natural language processing and time-series prediction. Its main
feature is a recurrent connection, which gives the network a memory: it keeps information from
the past while it processes a sequence.

### 2.2 The gated recurrent unit (GRU)

*(translated)* The GRU is a variant of the RNN that simplifies the RNN's structure by introducing
gates while keeping its ability to process sequences. "Its main components are the input gate,
the forget gate and the output gate, which control input, forgetting and output."

*grulab's correction.* Input, forget and output gates are the **LSTM**'s gates (Hochreiter &
Schmidhuber 1997; the forget gate from Gers et al. 2000), and the LSTM also keeps a separate cell
state $C_t$. A **GRU** (Cho et al. 2014) has **two** gates and no cell state:

- the **update gate** $z_t$ decides, unit by unit, how much of the previous state $h_{t-1}$ is kept;
- the **reset gate** $r_t$ decides how much of $h_{t-1}$ enters the new candidate state $\tilde h_t$.

The hidden state $h_t$ is the memory itself. That is the GRU's "simplification": three weight
blocks instead of the LSTM's four, and one state vector instead of two.
""")

md(r"""
## 3 Algorithm and equations

### 3.1 The basic structure

The seed writes `h_t = GRU(x_t, h_t-1)`: the new hidden state is a function of the current input
and the previous hidden state. That part is right.

### 3.2 The seed's steps, as written

1. forget gate: $f_t = \sigma (W_f \cdot [h_{t-1}, x_t] + b_f)$
2. input gate: $i_t = \sigma (W_i \cdot [h_{t-1}, x_t] + b_i)$
3. candidate state: $\tilde{C_t} = tanh (W_c \cdot [h_{t-1}, x_t] \cdot f_t + b_c)$
4. output gate: $o_t = \sigma (W_o \cdot [h_{t-1}, x_t] + b_o)$
5. update of the hidden state: $h_t = f_t \cdot h_{t-1} + i_t \cdot \tilde{C_t} + o_t \cdot C_{t-1}$

"where $W_f, W_i, W_c, W_o$ are weight matrices, $b_f, b_i, b_c, b_o$ bias vectors, σ the sigmoid
and tanh the hyperbolic tangent."

### 3.3 Why these equations are not a GRU

- **The vocabulary is the LSTM's.** $f_t, i_t, o_t$ and a candidate $\tilde C_t$ are the LSTM's
  forget, input and output gates and candidate cell; a GRU has none of them.
- **$C_{t-1}$ is never defined.** Step 5 needs $C_{t-1}$, but no step computes any $C_t$ — so the
  recurrence cannot even be run: $h_2$ needs $C_1$, which nothing produces. (In an LSTM,
  $C_t = f_t \odot C_{t-1} + i_t \odot \tilde C_t$ and $h_t = o_t \odot \tanh(C_t)$.)
- **Four weight blocks, not three.** $W_f, W_i, W_c, W_o$ each map $[h_{t-1}, x_t]$ to $H$ units:
  that is exactly an LSTM's parameter count. The next cell counts them, and asks tfjs's own layers.
- **The update is not an interpolation.** In a GRU, $h_t$ is a weighted average of $h_{t-1}$ and
  $\tilde h_t$ (weights $z_t$ and $1-z_t$), so $h_t$ stays in $(-1, 1)$. The seed's step 5 adds
  terms with independent weights, so the state can grow; the cell after next runs it.
""")

code(r"""
// Parameters of one recurrent layer of width H on D inputs: by formula, and from tfjs's layers.
const inputs = 6;          // grulab's Seattle features: 4 measurements + day-of-year sin/cos
const width = units;
const block = width * (width + inputs) + width;   // one W·[h, x] matrix and its bias
const layerParams = (layer: tf.layers.Layer) => {
  const m = tf.sequential({ layers: [layer] });
  const n = m.countParams();
  m.dispose();
  return n;
};
const inputShape = [timesteps, inputs];
const lstmParams = layerParams(tf.layers.lstm({ units: width, inputShape }));
const gruBeforeParams = layerParams(tf.layers.gru({ units: width, inputShape }));
const gruAfterParams = layerParams(grulab.gru({ units: width, inputShape, resetAfter: true }));
console.log(`H = ${width}, D = ${inputs}: one block H·(H+D) + H = ${block}`);
console.log(`the seed's equations: 4 blocks (W_f, W_i, W_c, W_o)  = ${4 * block}`);
console.log(`tf.layers.lstm (an LSTM)                             = ${lstmParams}   <- the same`);
console.log(`a GRU, 3 blocks (z, r, h), reset before: 3·block      = ${3 * block}, tf.layers.gru = ${gruBeforeParams}`);
console.log(`a GRU, reset after (Keras 2+, 2nd bias): 3·(block+H)  = ${3 * (block + width)}, grulab.gru = ${gruAfterParams}`);
if (lstmParams !== 4 * block || gruBeforeParams !== 3 * block || gruAfterParams !== 3 * (block + width)) {
  throw new Error("parameter counts differ from the formulas");
}
""")

code(r"""
// Run the seed's step 5 literally, reading the undefined C_{t-1} as 0 (any fixed choice is a guess),
// next to a real GRU with weights of the same scale, on the same constant input, for 30 steps.
const rnd = grulab.seededRandom(seed);
const small = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rnd() - 0.5) * 0.2));
const sig = (v: number) => 1 / (1 + Math.exp(-v));
const affine = (W: number[][], v: number[], b: number) => W.map((row) => row.reduce((s, w, k) => s + w * v[k], b));
const H4 = 4, D2 = 2, steps = 30, xConst = [1, -1];
const [Wf, Wi, Wc, Wo, Wz, Wr, Wh] = Array.from({ length: 7 }, () => small(H4, H4 + D2));
let hSeed = new Array(H4).fill(0), hGru = new Array(H4).fill(0), maxSeed = 0, maxGru = 0;
for (let t = 1; t <= steps; t++) {
  const hx = [...hSeed, ...xConst];
  const f = affine(Wf, hx, 2).map(sig), i = affine(Wi, hx, 2).map(sig), o = affine(Wo, hx, 2).map(sig);
  const c = affine(Wc, hx, 0).map((v, k) => Math.tanh(v * f[k] + 2));  // "W_c·[h, x]·f_t + b_c"
  const cPrev = new Array(H4).fill(0);                                   // C_{t-1}: undefined in the seed
  hSeed = hSeed.map((h, k) => f[k] * h + i[k] * c[k] + o[k] * cPrev[k]);
  const gx = [...hGru, ...xConst];
  const z = affine(Wz, gx, 2).map(sig), r = affine(Wr, gx, 2).map(sig);
  const cand = affine(Wh, [...hGru.map((h, k) => r[k] * h), ...xConst], 2).map(Math.tanh);
  hGru = hGru.map((h, k) => z[k] * h + (1 - z[k]) * cand[k]);
  maxSeed = Math.max(maxSeed, ...hSeed.map(Math.abs));
  maxGru = Math.max(maxGru, ...hGru.map(Math.abs));
}
console.log(`largest |h_t| over ${steps} steps (gate biases +2, so gates ≈ 0.88):`);
console.log(`  seed's update  ${maxSeed.toFixed(3)}   (f·h + i·C̃ adds up: the fixed point is i·C̃/(1−f) ≈ 7)`);
console.log(`  GRU update     ${maxGru.toFixed(3)}   (z·h + (1−z)·h̃ averages: always < 1)`);
""")

md(r"""
### 3.4 The GRU of Cho et al. (2014), in both conventions

With input $x_t \in \mathbb{R}^D$, state $h_{t-1} \in \mathbb{R}^H$, weights $W_\ast \in \mathbb{R}^{H\times D}$,
$U_\ast \in \mathbb{R}^{H\times H}$ and biases $b_\ast \in \mathbb{R}^H$:

$$
\begin{aligned}
z_t &= \sigma(W_z x_t + U_z h_{t-1} + b_z) && \text{update gate}\\
r_t &= \sigma(W_r x_t + U_r h_{t-1} + b_r) && \text{reset gate}\\
\tilde h_t &= \tanh\big(W_h x_t + U_h (r_t \odot h_{t-1}) + b_h\big) && \text{candidate, reset **before** } U_h\\
h_t &= z_t \odot h_{t-1} + (1 - z_t) \odot \tilde h_t && \text{new state}
\end{aligned}
$$

This is Cho et al.'s form, tfjs's `tf.layers.gru` and Keras's `reset_after=False`. Keras 2+ (its
default `reset_after=True`), PyTorch and cuDNN apply the reset gate **after** the recurrent matrix
product, with a second bias $b'$ on the recurrent side:

$$
\tilde h_t = \tanh\big(W_h x_t + b_h + r_t \odot (U_h h_{t-1} + b'_h)\big), \qquad
z_t = \sigma(W_z x_t + b_z + U_z h_{t-1} + b'_z), \quad r_t \text{ likewise.}
$$

The last line, $h_t = z_t \odot h_{t-1} + (1-z_t) \odot \tilde h_t$, is Keras's (and PyTorch's)
convention; some texts swap $z_t$ and $1-z_t$, which only relabels the gate. Keras stores the
weights as one kernel $[D, 3H]$, one recurrent kernel $[H, 3H]$ (blocks in the order z | r | h) and
a bias $[3H]$, or $[2, 3H]$ (input row, recurrent row) with reset after — grulab uses the same layout.

### 3.5 One GRU step by hand

Plain arrays, straight from the equations above (no tensors), then the same weights in grulab's
GRU layer: the difference should be at float32 rounding level (~1e-7).
""")

code(r"""
// Small sizes so every number can be checked: D = 3 inputs, H = 2 units, one time step.
const dIn = 3, hUnits = 2;
const rng = grulab.seededRandom(seed + 1);
const uni = () => rng() * 2 - 1;
const matrix = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, uni));
const kernel = matrix(dIn, 3 * hUnits);          // W as Keras stores it: [D, 3H], blocks z | r | h
const recurrentKernel = matrix(hUnits, 3 * hUnits); // U: [H, 3H]
const biasInput = Array.from({ length: 3 * hUnits }, uni);     // b
const biasRecurrent = Array.from({ length: 3 * hUnits }, uni); // b' (reset-after only)
const x1 = Array.from({ length: dIn }, uni);     // x_t
const h0 = Array.from({ length: hUnits }, uni);  // h_{t-1}, non-zero so that r matters
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
// v · M[:, block k], k = 0 (z), 1 (r), 2 (h)
const dotBlock = (v: number[], M: number[][], k: number) =>
  Array.from({ length: hUnits }, (_, j) => v.reduce((s, vi, i) => s + vi * M[i][k * hUnits + j], 0));

function gruStepByHand(resetAfter: boolean) {
  const b = (k: number, j: number) => biasInput[k * hUnits + j];
  const b2 = (k: number, j: number) => (resetAfter ? biasRecurrent[k * hUnits + j] : 0);
  const [xz, xr, xh] = [0, 1, 2].map((k) => dotBlock(x1, kernel, k));
  const [hz, hr] = [0, 1].map((k) => dotBlock(h0, recurrentKernel, k));
  const z = xz.map((v, j) => sigmoid(v + b(0, j) + hz[j] + b2(0, j)));
  const r = xr.map((v, j) => sigmoid(v + b(1, j) + hr[j] + b2(1, j)));
  const hTilde = resetAfter
    ? xh.map((v, j) => Math.tanh(v + b(2, j) + r[j] * (dotBlock(h0, recurrentKernel, 2)[j] + b2(2, j))))
    : xh.map((v, j) => Math.tanh(v + b(2, j) + dotBlock(h0.map((h, i) => r[i] * h), recurrentKernel, 2)[j]));
  const h = z.map((zj, j) => zj * h0[j] + (1 - zj) * hTilde[j]);
  return { z, r, hTilde, h };
}

function gruStepByLayer(resetAfter: boolean) {
  const layer = grulab.gru({ units: hUnits, resetAfter });
  layer.build([null, 1, dIn]);
  const bias = resetAfter ? tf.tensor2d([biasInput, biasRecurrent]) : tf.tensor1d(biasInput);
  layer.setWeights([tf.tensor2d(kernel), tf.tensor2d(recurrentKernel), bias]);
  const out = layer.runSequence(tf.tensor3d([[x1]]), tf.tensor2d([h0]));
  const flat = (t: tf.Tensor) => Array.from(t.dataSync());
  return { z: flat(out.z), r: flat(out.r), hTilde: flat(out.hTilde), h: flat(out.h) };
}

const maxAbsDiff = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));
for (const resetAfter of [false, true]) {
  const hand = gruStepByHand(resetAfter), lib = gruStepByLayer(resetAfter);
  console.log(`reset ${resetAfter ? "after " : "before"}: h_t by hand = [${hand.h.map((v) => v.toFixed(6)).join(", ")}]`);
  for (const key of ["z", "r", "hTilde", "h"] as const) {
    console.log(`   max |hand − grulab.gru| for ${key.padEnd(6)} = ${maxAbsDiff(hand[key], lib[key]).toExponential(2)}`);
  }
}
// tfjs's own layer (reset before, with Keras's sigmoid instead of tfjs's default hardSigmoid):
const tfjsLayer = tf.layers.gru({ units: hUnits, recurrentActivation: "sigmoid", inputShape: [1, dIn] });
const runTfjs = () => tfjsLayer.apply(tf.tensor3d([[x1]]), { initialState: [tf.tensor2d([h0])] }) as tf.Tensor;
runTfjs();  // the first call creates the weights
tfjsLayer.setWeights([tf.tensor2d(kernel), tf.tensor2d(recurrentKernel), tf.tensor1d(biasInput)]);
const tfjsH = Array.from(runTfjs().dataSync());
console.log(`reset before: max |hand − tf.layers.gru| for h = ${maxAbsDiff(gruStepByHand(false).h, tfjsH).toExponential(2)}`);
""")

md(r"""
The same step with weights laid out as **PyTorch** stores them (`nn.GRU`: `weight_ih_l0` $[3H, D]$,
`weight_hh_l0` $[3H, H]$, gate order r | z | n, biases `b_ih` and `b_hh` — the reset-after form),
rearranged here by hand and loaded through `grulab.fromTorchGRU`:
""")

code(r"""
const torchOrder = [1, 0, 2];  // PyTorch's r, z, n are Keras's blocks 1 (r), 0 (z), 2 (h)
const torchRows = (M: number[][]) => torchOrder.flatMap((k) =>
  Array.from({ length: hUnits }, (_, j) => M.map((row) => row[k * hUnits + j])));  // transposed: [3H, inputs]
const torchBias = (b: number[]) => torchOrder.flatMap((k) => b.slice(k * hUnits, (k + 1) * hUnits));
const stateDict = {
  weight_ih_l0: torchRows(kernel), weight_hh_l0: torchRows(recurrentKernel),
  bias_ih_l0: torchBias(biasInput), bias_hh_l0: torchBias(biasRecurrent),
};
const fromTorch = grulab.gru({ units: hUnits, resetAfter: true });
fromTorch.build([null, 1, dIn]);
fromTorch.setWeights(grulab.fromTorchGRU(stateDict));
const torchH = Array.from(fromTorch.runSequence(tf.tensor3d([[x1]]), tf.tensor2d([h0])).h.dataSync());
console.log(`PyTorch layout → fromTorchGRU → grulab.gru: max |hand − layer| for h = ${maxAbsDiff(gruStepByHand(true).h, torchH).toExponential(2)}`);
""")

md(r"""
## 4 Code

### 4.1 Importing the libraries

The seed imports numpy, TensorFlow and Keras's `Sequential`, `Dense`, `GRU`. Here the second code
cell imported tfjs and grulab. The seed's code uses data it never defines; grulab loads the bundled
Seattle weather data: chronological train/validation/test split, scaling fitted on the training
days only, windows of `timesteps` days → the next day's class (one-hot).
""")

code(r"""
// tslab quirk: write `{ timesteps: timesteps }`, not `{ timesteps }` — a shorthand property naming
// a variable of an earlier cell compiles but fails at run time ("timesteps is not defined").
const data = await grulab.loadSeattleWeather({ timesteps: timesteps });
const inputDim = data.featureNames.length, outputDim = data.classes.length;
console.log(`features (${inputDim}): ${data.featureNames.join(", ")}`);
console.log(`classes (${outputDim}): ${data.classes.join(", ")}`);
console.log(`x: train ${data.train.x.shape}, validation ${data.validation.x.shape}, test ${data.test.x.shape}`);
""")

md(r"""
### 4.2 Building the GRU model

The seed's model, `GRU(128, activation='tanh')` then `Dense(output_dim, activation='softmax')`,
compiled with adam, categorical cross-entropy and accuracy — built by grulab on its own GRU layer
with Keras 2+'s defaults (reset after, sigmoid recurrent activation, glorot-uniform kernel,
orthogonal recurrent kernel, zero bias): the model Keras would build. tfjs's `tf.layers.gru` differs
in several of these (reset before only, hard sigmoid, glorot-normal); `gru: "tfjs"` builds it
for comparison.
""")

code(r"""
const model = grulab.buildTutorialClassifier({ timesteps: timesteps, inputDim: inputDim, outputDim: outputDim, units: units, seed: seed });
model.summary();
""")

md(r"""
### 4.3 Training the model

`model.fit(X_train, y_train, epochs=epochs, batch_size=batch_size, validation_data=(X_val, y_val))`
in the seed; `grulab.train` here (seeded shuffling, a line per epoch). The chart below redraws
itself after every epoch.
""")

code(r"""
const live = grulab.liveChart({ title: `GRU(${units}) on Seattle weather: training` });
const result = await grulab.train(model, { x: data.train.x, y: data.train.y, validation: data.validation },
  { epochs: epochs, seed: seed, onEpochEnd: (_row, rows) => live.update(rows) });
const secondsPerEpoch = result.rows.reduce((s, r) => s + r.seconds, 0) / result.rows.length;
console.log(`${result.rows.length} epochs, ${secondsPerEpoch.toFixed(2)} s per epoch on ${backend}`);
""")

code(r"""
const metrics = await grulab.evaluateClassifier(model, data.test.x, data.test.labels, data.classes);
console.log(`test accuracy ${(100 * metrics.accuracy).toFixed(1)}%  vs  majority baseline ` +
  `${(100 * metrics.baselineAccuracy).toFixed(1)}% (always "${metrics.baselineClass}")`);
for (const c of metrics.perClass) {
  console.log(`  ${c.class.padEnd(8)} precision ${c.precision.toFixed(2)}  recall ${c.recall.toFixed(2)}  support ${c.support}`);
}
grulab.showFigure(grulab.lossCurves(result.rows, { title: `GRU(${units}): loss and accuracy per epoch` }));
grulab.showFigure(grulab.confusionMatrix(metrics.confusion, metrics.classes, { title: "Test split: actual vs predicted" }));
""")

md(r"""
## 5 Outlook: trends and challenges

*(translated)* As AI keeps developing, the GRU's applications on sequence data will keep
widening. The GRU also faces challenges, such as model complexity and computational efficiency;
researchers will keep optimizing GRU models to improve their performance and applicability.

*grulab's note.* Both challenges are measurable here: section 6 counts parameters and times
epochs. grulab's own GRU layer implements both conventions (so Keras 2+ and PyTorch weights load
through `fromKerasGRU`/`fromTorchGRU`) and shows its gates ($z$, $r$, $\tilde h$) at every step.
""")

md(r"""
## 6 FAQ

**Q: What is the difference between a GRU and an RNN?**
*(the seed)* A GRU is a variant of the RNN that simplifies its structure with gates; "its main
components are input, forget and output gates".
*Corrected:* a GRU is a gated RNN: a plain (Elman) RNN computes $h_t = \tanh(W x_t + U h_{t-1} + b)$,
one weight block; a GRU adds two gates (update $z$, reset $r$), three blocks; an LSTM has three
gates plus a cell state, four blocks. Measured from the layers, at the same width:
""")

code(r"""
const rnnParams = layerParams(tf.layers.simpleRNN({ units: width, inputShape: inputShape }));
console.log(`width ${width}, ${inputs} inputs — parameters per layer:`);
console.log(`  SimpleRNN ${String(rnnParams).padStart(7)}  (1 block)`);
console.log(`  GRU       ${String(gruBeforeParams).padStart(7)}  (3 blocks, ${(gruBeforeParams / rnnParams).toFixed(2)}× the RNN)`);
console.log(`  LSTM      ${String(lstmParams).padStart(7)}  (4 blocks, ${(lstmParams / gruBeforeParams).toFixed(2)}× the GRU)`);
""")

md(r"""
**Q: How does a GRU process sequence data?**
*(the seed)* "By computing the forget gate, input gate, candidate state and output gate."
*Corrected:* one time step at a time, with the equations of 3.4: from $x_t$ and $h_{t-1}$ it
computes $z_t$ and $r_t$, then the candidate $\tilde h_t$ (where $r_t$ scales what $h_{t-1}$
contributes), then
$h_t = z_t \odot h_{t-1} + (1-z_t)\odot\tilde h_t$; the last $h_T$ feeds the softmax layer. Here are
the trained model's gates for one test sequence — mean over units per day, then the update gate
of every unit under the input days (z near 1: the unit keeps its state; near 0: it takes the
candidate):
""")

code(r"""
// traceGates records z, r, h̃ and h of every grulab GRU layer, per sample, time step and unit.
const traces = grulab.traceGates(model, data.test.x, { maxSamples: 1 });
const trace = traces.layers[0];
const [, T, H] = trace.shape;
const perStep = (a: Float32Array) => Array.from({ length: T }, (_, t) => Array.from(a.subarray(t * H, (t + 1) * H)));
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const zSteps = perStep(trace.z), rSteps = perStep(trace.r);
console.log(`layer ${trace.layer} (reset ${trace.resetAfter ? "after" : "before"}), test window 1, predicting ${data.test.targetDates[0]}`);
console.log("day   mean z  mean r");
zSteps.forEach((z, t) => console.log(`t=${String(t + 1).padStart(2)}  ${mean(z).toFixed(3)}   ${mean(rSteps[t]).toFixed(3)}`));
// The traced last state is what the GRU layer hands to the softmax layer:
const oneSequence = data.test.x.slice([0, 0, 0], [1, timesteps, inputDim]);
const gruOutput = tf.model({ inputs: model.inputs, outputs: model.layers[0].output as tf.SymbolicTensor });
const modelH = Array.from((gruOutput.predict(oneSequence) as tf.Tensor).dataSync());
console.log(`traced h_T vs the model's GRU output: max abs diff ${maxAbsDiff(perStep(trace.h)[T - 1], modelH).toExponential(2)}`);
traces.frame.head(3).print();  // the same numbers in long format (as the main job's traces/gates.csv)
grulab.showFigure(grulab.gateHeatmap(
  { gate: "z", values: zSteps },
  { values: data.test.unscaled[0], features: data.featureNames },
  { title: `Update gate z of every unit, first test window (${data.test.targetDates[0]} is the day predicted)` }));
""")


md(r"""
**Q: What are the GRU's advantages and disadvantages?**
*(the seed)* "Its advantage: it simplifies the RNN's structure while keeping the ability to process
sequence data. Its disadvantage: higher model complexity and relatively low computational
efficiency."
*Measured:* both halves cannot hold against the same reference. A GRU is simpler than an LSTM
(¾ of its parameters, one state vector instead of two) and more complex than a plain RNN (3× its
parameters, above). Time per epoch on this data and machine, for the three tfjs layers at the same
width and for grulab's own GRU layer (one timed epoch each, same data and batch size; timings on
a shared machine are noisy):
""")

code(r"""
// Two epochs per layer, the second one timed (the first also pays for compiling and warming up).
const timeOneEpoch = async (name: string, layer: tf.layers.Layer) => {
  const m = tf.sequential({ layers: [layer, tf.layers.dense({ units: outputDim, activation: "softmax" })] });
  m.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  const r = await grulab.train(m, { x: data.train.x, y: data.train.y }, { epochs: 2, seed: seed, progress: "none" });
  m.dispose();
  const seconds = r.rows[1].seconds;
  console.log(`  ${name.padEnd(11)} ${seconds.toFixed(2)} s per epoch`);
  return seconds;
};
console.log(`one epoch over ${data.train.x.shape[0]} windows, width ${units}, backend ${backend}:`);
const epochSeconds = {
  SimpleRNN: await timeOneEpoch("SimpleRNN", tf.layers.simpleRNN({ units: units, inputShape: [timesteps, inputDim] })),
  "GRU (tfjs)": await timeOneEpoch("GRU (tfjs)", tf.layers.gru({ units: units, recurrentActivation: "sigmoid", inputShape: [timesteps, inputDim] })),
  LSTM: await timeOneEpoch("LSTM", tf.layers.lstm({ units: units, inputShape: [timesteps, inputDim] })),
  // grulab's own layer (reset after, as Keras 2+); "auto" picks its fastest sequence implementation.
  "grulab.gru": await timeOneEpoch("grulab.gru", grulab.gru({ units: units, inputShape: [timesteps, inputDim] })),
};
console.log(`(the tutorial's training above: ${secondsPerEpoch.toFixed(2)} s per epoch)`);
""")


md(r"""
**Q: How is a GRU implemented in Python code?**
*(the seed)* "With TensorFlow it is easy to build, train and predict with a GRU model."
*In TypeScript:* as in section 4, with grulab on tfjs. With tfjs alone, `tf.layers.gru` gives the
reset-before GRU (set `recurrentActivation: "sigmoid"` to match Keras); for Keras 2+ or PyTorch
weights (reset after) use `grulab.gru({ units, resetAfter: true })` with `fromKerasGRU` or
`fromTorchGRU`.

### Summary
""")

code(r"""
console.log(`data: ${data.rows} days, ${data.train.x.shape[0]}/${data.validation.x.shape[0]}/${data.test.x.shape[0]} train/validation/test windows of ${timesteps} days`);
console.log(`model: GRU(${units}) → Dense(${outputDim}, softmax), ${model.countParams()} parameters, ${result.rows.length} epochs`);
console.log(`test accuracy ${(100 * metrics.accuracy).toFixed(1)}% vs majority baseline ${(100 * metrics.baselineAccuracy).toFixed(1)}%`);
console.log(`seconds per epoch: tutorial ${secondsPerEpoch.toFixed(2)}; ` +
  Object.entries(epochSeconds).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(", "));
data.dispose();
const disposed = model.dispose();
""")

nb = new_notebook(cells=cells, metadata={
    "kernelspec": {"name": "grulab", "display_name": "TypeScript (grulab)", "language": "typescript"},
    "language_info": {"name": "typescript", "file_extension": ".ts", "mimetype": "text/typescript"},
})
for i, cell in enumerate(nb.cells):
    cell.id = f"tutorial-{i:02d}"  # stable ids: regenerating gives no spurious diff
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "notebooks", "01-tutorial.ipynb")
nbformat.validate(nb)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grulab_jupyter  # noqa: E402

grulab_jupyter.write_atomic(out, nbformat.writes(nb) + "\n")  # the same bytes as clear_notebooks.py writes
print(f"wrote {out} ({len(cells)} cells)")
