// Runs `body` on a backend grulab's fused ops do not run on: tfjs's cpu backend registered under
// another name for the call only, then the previous backend again.
import * as tf from "@tensorflow/tfjs";

export async function withOtherBackend(name: string, body: () => void | Promise<void>): Promise<void> {
  const CpuBackend = tf.backend().constructor as new () => tf.KernelBackend;
  tf.registerBackend(name, () => new CpuBackend());
  const previous = tf.getBackend();
  try {
    if (!(await tf.setBackend(name))) throw new Error(`withOtherBackend: could not set backend "${name}"`);
    await body();
  } finally {
    await tf.setBackend(previous);
    tf.removeBackend(name);
  }
}
