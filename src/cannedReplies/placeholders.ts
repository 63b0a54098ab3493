/**
 * The placeholders a canned reply may use, filled from the ticket the agent is answering. Checked when a
 * reply is saved (an unknown or misspelled one is refused, so it never reaches an admin as "{adminNme}"),
 * and filled when the console inserts the reply into the reply box, where the agent can still edit it.
 */

export const PLACEHOLDERS = ['adminName', 'ticketNumber', 'agentName', 'severity', 'status', 'responseDue', 'expectedWait'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

/** `{name}`: letters and digits only, so JSON, code and other braces in a reply are left alone. */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

const known = new Set<string>(PLACEHOLDERS);

/** Placeholders the text uses that are not in PLACEHOLDERS, each once, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !known.has(name)))];
}

/** The text with every known placeholder replaced by its value. */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (known.has(name) ? values[name as Placeholder] : whole));
}
