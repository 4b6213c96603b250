// The forward states a fused kernel keeps in place in its memory for their backward, shared by
// the GRU kernel (gruKernelForward.ts) and the LSTM / SimpleRNN kernel (rnnKernel.ts).
import type { KernelMemory } from "./wasmKernel";

/** What a kept forward state needs for this bookkeeping: its copy (null while resident) and whether its backward ran. */
export interface ResidentState {
  saved: Float32Array | null;
  /** Set by the backward: one backward per forward, as autograd does; nothing is kept after it. */
  consumed?: boolean;
}

/** One kernel's resident states (see `residentStates`). */
export interface ResidentStates<S extends ResidentState> {
  /**
   * Before a call lays out its buffers: where it may start (above every state kept in place),
   * after copying out what it would overwrite. A forward that keeps its state (`keepsState`) when
   * the most states are kept copies them all out and starts at the bottom. A backward of `keep`
   * uses its state in place if it is kept (copying out the states above it, which its buffers
   * overwrite) and starts at that state's base; `inPlace` says which.
   */
  evict(keep: S | null, keepsState: boolean): { inPlace: boolean; base: number };
  /** The first byte offset no kept state occupies: everything from here up is free between calls. */
  freeStart(): number;
  /** Records that `state`, laid out from `base`, stays in place: [base, to) is kept, and [from, to) is what a copy-out saves. */
  keep(state: S, base: number, from: number, to: number): void;
}

/**
 * The states kept in place in one kernel's memory, lowest first; each was laid out from its base,
 * above the one below it. At most `maxResident` stay (a stack of layers: its forward runs up the
 * stack and its backward down, so each state is the top one when its backward runs; a two-layer
 * stack's forward and backward copy nothing); one more is copied out to its `saved`.
 *
 * @example
 * const resident = residentStates<RnnKernelState>(rnnKernelModule);
 * const { inPlace, base } = resident.evict(state, false);
 */
export function residentStates<S extends ResidentState>(kernel: () => KernelMemory & { heapBase: number }, maxResident = 2): ResidentStates<S> {
  const residents: { state: S; base: number; from: number; to: number }[] = [];
  const dropConsumed = () => {
    for (let i = residents.length - 1; i >= 0; i--) if (residents[i].state.consumed) residents.splice(i, 1);
  };
  const copyOut = (r: (typeof residents)[number]) => {
    r.state.saved = kernel().f32().slice(r.from / 4, r.to / 4);
  };
  const freeStart = () => {
    dropConsumed();
    const top = residents[residents.length - 1];
    return top ? Math.ceil(top.to / 64) * 64 : kernel().heapBase;
  };
  return {
    evict(keep, keepsState) {
      dropConsumed();
      const i = keep ? residents.findIndex((r) => r.state === keep) : -1;
      if (i >= 0) {
        const { base } = residents[i];
        for (const r of residents.splice(i)) if (r.state !== keep) copyOut(r);
        return { inPlace: true, base };
      }
      if (keepsState && residents.length >= maxResident) for (const r of residents.splice(0)) copyOut(r);
      return { inPlace: false, base: freeStart() };
    },
    freeStart,
    keep(state, base, from, to) {
      residents.push({ state, base, from, to });
    },
  };
}
