/**
 * Gathers the calls made during one turn of the event loop and answers them with one call of `run`
 * (one database statement). Each statement on the embedded database has a fixed cost, crossing into
 * WebAssembly and through the wire protocol, that is larger than the work of our small statements; so
 * when many turns run at once, one statement for all of them beats one each. A lone call waits only
 * for the current turn of the event loop to end.
 *
 * `run` gets the inputs in call order and answers one output per input, in the same order. When it
 * fails for a batch of several, each input is run again on its own: one bad input (text PostgreSQL
 * refuses, say) then fails only its own call, not those of the other conversations batched with it.
 */
export function perTickBatch<I, O>(run: (inputs: I[]) => Promise<O[]>, maxBatch = 500): (input: I) => Promise<O> {
  type Outcome = { ok: true; value: O } | { ok: false; error: unknown };
  type Batch = { inputs: I[]; outcomes: Promise<Outcome[]> };
  let open: Batch | undefined;

  const runAlone = (input: I): Promise<Outcome> =>
    run([input]).then(
      (outputs) => ({ ok: true, value: outputs[0]! }),
      (error: unknown) => ({ ok: false, error }),
    );

  const settle = async (batch: Batch): Promise<Outcome[]> => {
    if (open === batch) open = undefined;
    if (batch.inputs.length === 1) return [await runAlone(batch.inputs[0]!)];
    try {
      return (await run(batch.inputs)).map((value) => ({ ok: true, value }));
    } catch {
      return Promise.all(batch.inputs.map(runAlone));
    }
  };

  return async (input) => {
    if (!open || open.inputs.length >= maxBatch) {
      const batch: Batch = { inputs: [], outcomes: Promise.resolve([]) };
      batch.outcomes = new Promise<void>((resolve) => setImmediate(resolve)).then(() => settle(batch));
      open = batch;
    }
    const index = open.inputs.push(input) - 1;
    const outcome = (await open.outcomes)[index]!;
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  };
}
