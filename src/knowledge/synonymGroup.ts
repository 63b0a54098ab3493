// One row of a synonym table (synonyms.ts for English, synonymsByLanguage.ts for German and Chinese).
export interface SynonymGroup {
  /**
   * Phrases as an admin might write them, matched word for word including small words ("no mailbox"),
   * after the same normalising and stemming as any text, so plurals and case do not matter.
   */
  when: readonly string[];
  /** Words the articles use for the same thing. */
  add: string;
  /**
   * Phrases that stop the group from firing when a word means something else next to them ("syncing" is
   * directory sync, but not in "OneDrive not syncing"; "phone" is calling support, but not in "lost phone").
   */
  unless?: readonly string[];
}
