import { describe, expect, it } from 'vitest';
import { suggestSeverity } from '../../src/knowledge/severityHint.js';

describe('suggestSeverity', () => {
  it.each([
    ['nobody can send email', 'A'],
    ['none of our users can join teams meetings or make calls', 'A'],
    ['our intranet sharepoint site is down for everyone', 'A'],
    ['the whole company is not receiving mail since 9am', 'A'],
    ['our main sharepoint site is down', 'A'],
    ['teams calls drop after a few seconds for everyone', 'A'],
  ])('"%s" reads as critical (A)', (text, severity) => {
    expect(suggestSeverity(text).severity).toBe(severity);
  });

  it.each([
    ['the send button in outlook shows strange characters for one user', 'B'],
    ['the EAC gives an error when I save the retention setting but it works in powershell', 'B'],
    ['outlook crashes on startup for my manager', 'B'],
    ['one user gets an NDR when sending to a customer', 'B'],
  ])('"%s" reads as high (B)', (text, severity) => {
    expect(suggestSeverity(text).severity).toBe(severity);
  });

  it.each([
    ['how do i set a user password to never expire', 'C'],
    ['I cannot delete an old contact from the global address list', 'C'],
    ['a user has a garbled signature but a workaround exists', 'C'],
    ['how do I add a shared mailbox', 'C'],
  ])('"%s" reads as non-critical (C)', (text, severity) => {
    expect(suggestSeverity(text).severity).toBe(severity);
  });

  it.each(['hello', 'shared mailbox', 'our tenant'])('gives no suggestion for "%s"', (text) => {
    expect(suggestSeverity(text).severity).toBeNull();
  });
});
