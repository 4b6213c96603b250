import { runToEnd } from "../util/runInSlices";

/** One L-BFGS iteration's progress (see `minimiseLbfgsSteps`). */
export interface LbfgsProgress {
  /** Iterations done (1, 2, …). */
  iteration: number;
  /** The objective after it. */
  objective: number;
  /** Largest absolute component of the objective's gradient after it (the stopping criterion). */
  gradientMax: number;
}

/** What `minimiseLbfgs` ends with: the objective and largest gradient component at `theta`, and the iterations run. */
export interface LbfgsResult {
  objective: number;
  gradientMax: number;
  iterations: number;
}

/**
 * L-BFGS (memory 10, backtracking Armijo line search) on a smooth function, in place on `theta`:
 * `evaluate(t, g)` returns f(t) and writes ∇f(t) into g. Stops when every gradient component is
 * below `tolerance`, or when no step decreases f at float64 precision; throws naming `what` (and
 * `hint`, what to do) when `maxIterations` pass first.
 *
 * @example
 * const theta = new Float64Array([3]);
 * minimiseLbfgs(theta, (t, g) => { g[0] = 2 * (t[0] - 1); return (t[0] - 1) ** 2; }, 1e-9, 100, "example"); // theta[0] ≈ 1
 */
export function minimiseLbfgs(
  theta: Float64Array, evaluate: (t: Float64Array, g: Float64Array) => number,
  tolerance: number, maxIterations: number, what: string, hint = "raise maxIterations",
): LbfgsResult {
  // eslint-disable-next-line require-yield
  return runToEnd(minimiseLbfgsSteps(theta, function* (t, g) { return evaluate(t, g); }, tolerance, maxIterations, what, hint));
}

/**
 * `minimiseLbfgs` as steps: `evaluate` is itself a generator (it may pause with `undefined`), and
 * each iteration yields its progress, so a caller can run it in slices (progress, Ctrl-C) with
 * `runInSlices`; the same arithmetic in the same order as `minimiseLbfgs`.
 *
 * @example
 * const theta = new Float64Array([3]);
 * runToEnd(minimiseLbfgsSteps(theta, function* (t, g) { g[0] = 2 * (t[0] - 1); return (t[0] - 1) ** 2; }, 1e-9, 100, "example"));
 */
export function* minimiseLbfgsSteps(
  theta: Float64Array, evaluate: (t: Float64Array, g: Float64Array) => Generator<undefined, number>,
  tolerance: number, maxIterations: number, what: string, hint = "raise maxIterations",
): Generator<LbfgsProgress | undefined, LbfgsResult> {
  const size = theta.length;
  const memory = 10;
  const s: Float64Array[] = [], y: Float64Array[] = [], rho: number[] = [];
  let grad = new Float64Array(size);
  let f = yield* evaluate(theta, grad);
  const maxAbs = (v: Float64Array) => v.reduce((m, a) => Math.max(m, Math.abs(a)), 0);
  const dot = (a: Float64Array, b: Float64Array) => { let r = 0; for (let q = 0; q < a.length; q++) r += a[q] * b[q]; return r; };
  const next = new Float64Array(size);
  let nextGrad = new Float64Array(size);
  for (let it = 0; it < maxIterations; it++) {
    if (maxAbs(grad) < tolerance) return { objective: f, gradientMax: maxAbs(grad), iterations: it };
    // Two-loop recursion: direction = −H·grad.
    const dir = Float64Array.from(grad, (g) => -g);
    const alpha: number[] = [];
    for (let m = s.length - 1; m >= 0; m--) {
      alpha[m] = rho[m] * dot(s[m], dir);
      for (let q = 0; q < size; q++) dir[q] -= alpha[m] * y[m][q];
    }
    const scale = s.length ? dot(s[s.length - 1], y[y.length - 1]) / dot(y[y.length - 1], y[y.length - 1]) : 1 / Math.max(1, maxAbs(grad));
    for (let q = 0; q < size; q++) dir[q] *= scale;
    for (let m = 0; m < s.length; m++) {
      const beta = rho[m] * dot(y[m], dir);
      for (let q = 0; q < size; q++) dir[q] += s[m][q] * (alpha[m] - beta);
    }
    let slope = dot(grad, dir);
    if (!(slope < 0)) { // not a descent direction (numerical trouble): restart from the gradient
      s.length = 0; y.length = 0; rho.length = 0;
      for (let q = 0; q < size; q++) dir[q] = -grad[q];
      slope = dot(grad, dir);
    }
    let step = 1, fNext = Infinity;
    for (let tries = 0; tries < 60; tries++, step /= 2) {
      for (let q = 0; q < size; q++) next[q] = theta[q] + step * dir[q];
      fNext = yield* evaluate(next, nextGrad);
      if (fNext <= f + 1e-4 * step * slope) break;
    }
    if (!(fNext <= f)) return { objective: f, gradientMax: maxAbs(grad), iterations: it }; // no decrease left at float64 precision
    const sNew = new Float64Array(size), yNew = new Float64Array(size);
    for (let q = 0; q < size; q++) { sNew[q] = next[q] - theta[q]; yNew[q] = nextGrad[q] - grad[q]; }
    const sy = dot(sNew, yNew);
    if (sy > 1e-12) {
      s.push(sNew); y.push(yNew); rho.push(1 / sy);
      if (s.length > memory) { s.shift(); y.shift(); rho.shift(); }
    }
    theta.set(next);
    [grad, nextGrad] = [nextGrad, grad];
    f = fNext;
    yield { iteration: it + 1, objective: f, gradientMax: maxAbs(grad) };
  }
  throw new Error(`${what}: no convergence in ${maxIterations} iterations (largest gradient component ${maxAbs(grad).toExponential(2)}, tolerance ${tolerance}): ${hint}`);
}
