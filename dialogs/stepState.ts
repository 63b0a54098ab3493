import type { WaterfallStepContext } from './dialogKit.js';

/*
 * Typed access to what a waterfall step reads. Bot Framework types a step's options by the waterfall's
 * type parameter (a `WaterfallDialog<Options>` whose steps take a `WaterfallStepContext<Options>`), but
 * its values as `object` and its result as `any`: the two accessors below say what a dialog keeps and
 * what it expects back, in one place instead of a cast at every step.
 */

/**
 * The waterfall's own values: kept between its steps (in dialog state) and writable. A value is unset
 * until a step sets it, hence `Partial`.
 */
export function stepValues<Values extends object>(step: WaterfallStepContext): Partial<Values> {
  return step.values;
}

/** What the previous step passed on, or what the prompt or child dialog it began ended with; undefined when nothing. */
export function stepResult<Result>(step: WaterfallStepContext): Result | undefined {
  return step.result;
}
