// A first severity suggestion from the wording alone, before the dialog asks the impact questions.
// It follows the support description's scale and its examples (test/knowledge/severityExamples.test.ts
// reads every one of them): A when a service is down, many people are stopped, or mail fails widely,
// B when something is broken or erroring for one person or one part of the service, C for how-to
// questions, minor matters and problems with a workaround. Null when the text gives no sign.
import type { Language } from '../i18n/index.js';
import { severityCuesByLanguage, type CueName } from './severityCues.js';
import { normalizeText } from './textNormalize.js';

export type Severity = 'A' | 'B' | 'C';

export interface SeverityHint {
  severity: Severity | null;
  /** The cues that decided it, for logs and tests. */
  cues: string[];
}

const cuePatterns: Record<CueName, RegExp> = {
  /** Many people or the whole organisation. */
  widespread:
    /\b(nobody|none of (?:us|our|the)|every ?one|every ?body|any ?one in|all (?:of )?(?:our |the |my )?(?:users|staff|employees|people|mailboxes|sites|accounts|us|offices|departments|colleagues|email|mail|teams)|all users|whole (?:company|org|organi[sz]ation|office|team|tenant|business|firm|school)|entire (?:company|org|organi[sz]ation|office|staff|team|tenant|business)|(?:company|org|organi[sz]ation|tenant)[ -]?wide|widespread|for everyone|across (?:the|our) (?:company|org|organi[sz]ation|tenant|board|business)|across the board|(?:much|most) of (?:the|our) (?:company|org|organi[sz]ation|staff|users)|(?:many|most|several|multiple|lots of|hundreds of|dozens of) (?:users|people|staff|employees|mailboxes|sites)|whole staff|no ?one in)\b/,
  /**
   * Mail that does not go out or come in, described as a problem rather than an outage ("problems
   * sending mail", "email is not going out"): with a widespread cue it is the source's first critical
   * example, "Widespread problems sending or receiving mail".
   */
  mailProblem:
    /\b(?:(?:problems?|issues?|trouble|difficult(?:y|ies)|failures?)(?: with)? (?:sending|receiving|send|receive|delivering|getting)(?: or (?:sending|receiving|send|receive))?(?: \w+)? (?:e-?mails?|mails?|messages?)|(?:e-?mails?|mails?|messages?|mail delivery|mail flow)(?: \w+){0,4}? (?:(?:is |are )?not (?:going out|coming in|being (?:sent|delivered|received)|arriving|delivered|sent|received)|problems?|issues?)|(?:e-?mails?|mails?) (?:problems?|issues?|trouble|outage))\b/,
  /** "Nobody can send", "none of our users can join": the quantifier carries the negation. */
  nobodyCan:
    /\b(nobody|none of (?:us|our|the|my)(?: \w+)?|no (?:users?|staff|employees?|one)) (?:\w+ ){0,4}?(?:can|could|is able|are able|gets?|receives?|has|have|works?)\b/,
  /** The service is not there at all. */
  outage:
    /\b(down|outage|offline|(?:http |error )?(?:500|502|503|504)(?: error)?|internal server error|service unavailable|bad gateway|unreachable|unavailable|inaccessible|not (?:loading|accessible|reachable)|(?:completely|totally) (?:broken|stopped|dead)|stopped working|not working|(?:not|unable to|cannot|cant) (?:send|receive|access|open|reach|connect|join|make|log ?in|sign ?in|signin|use|get)|no (?:email|mail|access)|(?:send|receive|sending|receiving)(?: or| and| nor)? (?:receive|send|email|mail)?\s*(?:is |are )?(?:broken|failing|down)|bouncing|bounces|critical|emergency|urgent|lost access|no longer (?:have )?access|production (?:is )?down|business is stopped|cant work|can ?not work|unable to work)\b/,
  /** Outage words that by themselves describe a service that is not there (not just a failing action). */
  serviceDown:
    /\b(down|outage|offline|unreachable|unavailable|inaccessible|critical|emergency|50[0234]|internal server error|bad gateway|lost access)\b/,
  /** Something is broken, erroring or degraded. */
  impaired:
    /\b(error|errors|access denied|permission denied|(?:not|dont|doesnt) have (?:the )?(?:permission|access|rights)|not allowed|read ?only|reduced functionality|unlicensed|deactivated|not activated|needs? to be activated|fails?|failed|failing|failure|broken|drops?|dropping|dropped|disconnect(?:s|ed|ing)?|cut off|timeouts?|timing out|times out|crash(?:es|ed|ing)?|freez(?:es|ing)|hangs?|garbled|strange|weird|wrong|corrupt(?:ed)?|slow|stuck|not (?:working|showing|syncing|arriving|updating|saving|loading|opening|activating|receiving|sending)|(?:won|doesn|isn|didn|aren|can)t (?:work|activate|sync|save|load|open|connect|show|start)|stopped|keeps? (?:asking|crashing|failing|prompting)|bounc(?:e|es|ed|ing)|ndr|undeliverable|delayed|missing|disappeared|lost|unable|cannot|cant|can't|won't|wont|doesnt|isnt|not able|impossible)\b/,
  /** One person or a small part. */
  narrow:
    /\b(one user|a user|single user|one person|one (?:of (?:our|my) )?(?:users|mailbox|employee|colleague|account|laptop|pc|computer|machine)|a (?:few|couple of) (?:users|people)|some users|this user|my (?:assistant|boss|manager|colleague)|for me|only me|just me|only (?:one|him|her))\b/,
  /** A question about outages in general ("is there a known outage?"), not a report of one. */
  askingAboutOutage:
    /\b(?:is there|are there|any) (?:a |an |any )?(?:known |current |ongoing )?(?:outages?|incidents?|issues?|problems?)\b/,
  /** Asking how to do something, or a request rather than a fault. */
  howTo:
    /^(how|what|where|which|who|when|why|is there|are there|is it possible|can (?:i|we|you)|could (?:i|we|you)|do (?:i|we|you)|does|should|i(?:'d| would) like|i want|we want|we(?:'d| would) like|we need|i need|please|help me|give|set up|setup|add|create|remove|change|explain)\b|\b(how (?:do|can|to|should)|is it possible|best way to|steps to|walk me through)\b/,
  /** The admin says it is minor or can be worked around. */
  minor:
    /\b(workaround|work around|minor|cosmetic|not urgent|no rush|low priority|when you (?:have|get) time|just curious|old contact|an old|annoying|occasionally|sometimes)\b/,
  /**
   * A setting the admin center can't change but PowerShell can: the source's second high example ("Setting
   * is impossible from EAC (Exchange Admin Center) but possible in PowerShell"), not a single-object task.
   */
  adminCenterOnly:
    /\b(?:eac|exchange admin cent(?:er|re)|admin cent(?:er|re)|admin portal|portal)\b.*\bpowershell\b|\bpowershell\b.*\b(?:eac|exchange admin cent(?:er|re)|admin cent(?:er|re)|admin portal|portal)\b/,
  /** A management task on a single object that does not go through (the source's "can't delete a contact" example). */
  singleObjectTask:
    /\b(?:cannot|cant|can't|unable to|not able to|won't let me|doesn't let me) (?:delete|remove|edit|rename|change|update|modify|hide|move) (?:a |an |the |this |that |one |my |our )?(?:old |single |specific )?(?:contact|group|distribution list|alias|user|setting|field|entry|address|photo|picture|signature|rule|folder|calendar|item)\b/,
};

/** A severity suggestion for a problem described in free text, in its language (English when not said). */
export function suggestSeverity(text: string, language: Language = 'en'): SeverityHint {
  const localized = severityCuesByLanguage[language];
  const patterns: Record<CueName, RegExp> = localized?.patterns ?? cuePatterns;
  const t = (localized ? localized.normalize(text) : normalizeText(text)).replace(/\s+/g, ' ').trim();
  const raw = text.toLowerCase();
  const has = (name: CueName) => patterns[name].test(t) || patterns[name].test(raw);
  const cues = (Object.keys(patterns) as CueName[]).filter(has);
  const on = (name: CueName) => cues.includes(name);

  const broken = on('outage') || on('impaired') || on('mailProblem');
  if (on('nobodyCan') || (on('widespread') && broken && !on('minor'))) return { severity: 'A', cues };
  if (on('serviceDown') && !on('narrow') && !on('askingAboutOutage')) return { severity: 'A', cues };
  // Widespread, but people can work around it: the high level, as in the impact questions' triage.
  if (on('widespread') && broken) return { severity: 'B', cues };
  if (on('adminCenterOnly') && broken && !on('minor')) return { severity: 'B', cues };
  if (on('minor') || on('singleObjectTask')) return { severity: 'C', cues };
  if (on('mailProblem')) return { severity: 'B', cues };
  if (on('impaired') || on('outage')) return { severity: on('howTo') && !on('narrow') && !(localized?.faultWords ?? /\berror|fail|broken|crash/).test(t) ? 'C' : 'B', cues };
  if (on('howTo')) return { severity: 'C', cues };
  return { severity: null, cues };
}
