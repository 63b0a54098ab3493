import { describe, expect, it } from 'vitest';
import { createClassifier, loadKnowledge } from '../../src/knowledge/index.js';
import { suggestSeverity } from '../../src/knowledge/severityHint.js';

/**
 * Every example of the severity table in the source documents, and the project's paraphrases of them
 * (knowledge/support/severities.json), read by the severity hint. The examples are the same in the
 * Service description (worldwide) and on the 21Vianet page (Ways to contact support); the 21Vianet page
 * spells two of them slightly differently, so both spellings are listed.
 */
const EXAMPLES: [source: string, text: string, expected: 'A' | 'B' | 'C'][] = [
  // Sev A (Critical)
  ['Service description, Sev A', 'Widespread problems sending or receiving mail.', 'A'],
  ['Service description, Sev A', 'SharePoint site down.', 'A'],
  ['Service description, Sev A', "All users can't send instant messages, join or schedule Skype for Business Meetings, or make Skype for Business calls.", 'A'],
  ['severities.json, A', "Mail can't be sent or received across much of the organisation.", 'A'],
  ['severities.json, A', 'A SharePoint site is down.', 'A'],
  ['severities.json, A', 'Nobody can send instant messages, join or schedule Skype for Business meetings, or place Skype for Business calls.', 'A'],
  // Sev B (High)
  ['Service description, Sev B', 'Send button in Outlook is garbled.', 'B'],
  ['Service description, Sev B', 'Setting is impossible from EAC (Exchange Admin Center) but possible in PowerShell.', 'B'],
  ['Ways to contact support (21Vianet), Sev B', 'Setting is impossible from EAC (Exchange admin center) but possible in Windows PowerShell.', 'B'],
  ['severities.json, B', 'The Send button in Outlook shows garbled text.', 'B'],
  ['severities.json, B', "A setting can't be changed in the Exchange admin center, although PowerShell can change it.", 'B'],
  // Sev C (Non-critical)
  ['Service description, Sev C', 'How to set user password that never expires.', 'C'],
  ['Service description, Sev C', "User can't delete contact information in Exchange Online.", 'C'],
  ['severities.json, C', "How do I make a user's password never expire?", 'C'],
  ['severities.json, C', "A user can't remove a contact's details in Exchange Online.", 'C'],
];

/** How admins put the source's "widespread problems sending or receiving mail" (issue #15, item 3). */
const WIDESPREAD_MAIL: string[] = [
  'external email sending is failing for the whole company',
  'external email sending is failing for the whole organisation',
  'mail delivery is failing for the whole organisation',
  'widespread mail problems',
  'we have widespread problems sending email',
  'emails are not being sent company-wide',
  'outbound mail is not going out for anyone in the organisation',
  'everyone has trouble sending mail',
  'our users across the organisation are having problems receiving email',
];

describe('the severity hint follows the source documents\' examples', () => {
  const classifier = createClassifier(loadKnowledge());

  it.each(EXAMPLES)('%s: "%s" reads as Sev %s', (_source, text, expected) => {
    expect(suggestSeverity(text).severity).toBe(expected);
    // The conversation takes its suggestion from the classifier, which reads the spelling-corrected text.
    expect(classifier.classify(text).severity).toBe(expected);
  });

  it.each(WIDESPREAD_MAIL)('widespread mail problem "%s" reads as Sev A', (text) => {
    expect(suggestSeverity(text).severity).toBe('A');
    expect(classifier.classify(text).severity).toBe('A');
  });

  it.each([
    ['one user has problems sending email', 'B'],
    ['a user in accounting has trouble receiving mail', 'B'],
  ])('a mail problem of one user, "%s", stays Sev %s', (text, expected) => {
    expect(suggestSeverity(text).severity).toBe(expected);
  });
});
