/**
 * How a case (one problem an admin brought) ended; docs/insights.md defines each and names what Copilot
 * Studio, Dialogflow CX and ServiceNow call the same thing.
 */
export const caseOutcomes = ['self_help', 'incident', 'escalated', 'handed_to_person', 'abandoned', 'refused'] as const;
export type CaseOutcome = (typeof caseOutcomes)[number];

/** Why a problem counts as a knowledge gap. */
export const gapReasons = ['clarification', 'something_else', 'out_of_scope_low_confidence', 'self_help_failed'] as const;
export type GapReason = (typeof gapReasons)[number];

/**
 * Whether a case's outcome may become `next`: the first outcome stands, with two exceptions. An escalated
 * case becomes handed to a person when a person takes it; an abandoned case takes the outcome the admin
 * comes back to give it (abandoned only means nobody answered for a while).
 */
export function mayBecome(current: CaseOutcome | null, next: CaseOutcome): boolean {
  if (current === next) return false;
  if (current === null || current === 'abandoned') return true;
  return current === 'escalated' && next === 'handed_to_person';
}
