// Out-of-scope signals that article keywords cannot carry. Keywords match words; these cues depend on
// how the words relate ("I am NOT the admin", "MY script", "OUR firewall") or on the absence of any
// Microsoft 365 vocabulary at all, which is what an unrelated question looks like.
import type { Analyzer } from './analyzer.js';
import { germanCues, chineseCues } from './outOfScopeCues.js';
import type { AnalyzedQuery } from './queryAnalysis.js';

export const unrelatedTopic = 'oos.unrelated';

/** Cue patterns per out-of-scope topic, read on normalised text ("can't" is "cant", "sign-in" is "signin"). */
const cues: ReadonlyArray<readonly [topic: string, pattern: RegExp]> = [
  [
    'oos.not-admin',
    /\b(im not (?:an?|the) (?:admin|administrator|it)|not (?:an?|the) (?:admin|administrator)|i am not (?:an?|the) (?:admin|administrator)|(?:ask|asked|tell|told) (?:my|our) (?:admin|administrator|it)|my (?:admin|administrator|it department|it team|it guy|employer) (?:is|has|wont|will|said|told)|im (?:just )?an? (?:regular |normal |end )?(?:user|employee|staff member|student)|end user|personal (?:\w+ ){0,3}?(?:account|subscription|email|use|plan|license)|(?:home|family) (?:\w+ ){0,2}?(?:subscription|plan|account|use|edition)|microsoft 365 (?:family|personal)|office 365 (?:home|personal)|office home|outlook com|hotmail|live com|my (?:own|private) (?:account|email|subscription)|my (?:xbox|kids?|sons?|daughters?|wifes?|husbands?|family))\b/,
  ],
  [
    'oos.scripts',
    /\b((?:my|our|this|the|a|custom|own) (?:[a-z0-9]+ )?(?:script|scripts|macro|macros|runbook)|(?:script|macro|code|formula) (?:i|we|he|she|they|someone) (?:wrote|made|created|built|have written)|(?:my|our|custom) (?:powershell |python |vba )?code|(?:fix|debug|write|review|troubleshoot|correct) (?:my|our|this|a|the) (?:powershell |python |vba )?(?:script|code|macro|cmdlet)|script (?:that|which|to) )\b/,
  ],
  [
    'oos.third-party',
    /\b(thirdparty|non microsoft|(?:salesforce|zoom|slack|dropbox|docusign|adobe|hubspot|zendesk|mimecast|proofpoint|barracuda|quickbooks|xero|mailchimp|webex|evernote|grammarly|sage|zoho|gotomeeting|box) (?:addin|app|integration|plugin|connector|extension|sync)|(?:addin|plugin|extension) (?:from|by|made by|of) (?:a |another )?(?:vendor|company)|(?:vendors|vendor) (?:addin|app|plugin|tool))\b/,
  ],
  [
    'oos.customer-network',
    /\b((?:our|my|the office|office|company|corporate|local|internal|home) (?:firewall|proxy|router|switch|vpn|wifi|wi fi|network|lan|dns server|isp)|(?:firewall|proxy|vpn|router) (?:blocks?|blocking|is blocking|drops|config)|behind (?:a|our|the) (?:firewall|proxy))\b/,
  ],
];

/** Out-of-scope topics whose relational cues appear in the text, read in the analyzer's language. */
export function outOfScopeCues(text: string, analyzer: Analyzer): string[] {
  const t = analyzer.normalize(text).replace(/\s+/g, ' ');
  const table = analyzer.language === 'en' ? cues : analyzer.language === 'de' ? germanCues : chineseCues;
  return table.filter(([, pattern]) => pattern.test(t)).map(([topic]) => topic);
}

/**
 * Everyday words that article prose happens to contain ("last", "good", "place", "wrong") but that
 * say nothing about whether a sentence is about Microsoft 365; coverage ignores them. People's roles
 * ("our CEO", "the finance director") are among them: who is affected says nothing about what, so
 * "our CEO got phished" is judged on "phished" alone.
 */
export const englishEverydayWords: ReadonlySet<string> = new Set(
  `good bad great best better nice fine right wrong last first next new old big small little long short high low
  time times day days night week weeks month months year years morning evening afternoon tonight tomorrow
  people person thing things stuff place places way lot lots kind sort part bit
  everybody everyone anybody anyone somebody someone nobody
  make makes made go goes going gone went come comes came see saw seen look looks looking know knows knew think
  thought tell told say said says give gave given take took find found use used using work works worked working
  feel help helps problem problems issue issues question questions answer wonder wondering
  won win lose lost play played game games watch watched eat ate buy bought
  ceo ceos cfo cfos cto ctos coo coos cio cios ciso cisos exec execs executive executives boss bosses
  director directors manager managers president vp chairman chairwoman founder cofounder
  colleague colleagues coworker coworkers employee employees staff intern interns accountant accountants
  receptionist receptionists bookkeeper bookkeepers`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Share of the sentence's meaningful words that the knowledge base knows. An unrelated question
 * ("what's the weather in Seattle") scores near 0; an in-scope one, even with typos, near 1. A
 * sentence of only everyday words has no evidence either way and scores 1 (the dialog will ask).
 */
export function vocabularyCoverage(query: AnalyzedQuery, everydayWords: ReadonlySet<string>): number {
  let known = 0;
  let counted = 0;
  query.words.forEach((word, i) => {
    if (everydayWords.has(word)) return;
    counted++;
    known += query.familiarity[i] ?? 0;
  });
  return counted === 0 ? 1 : known / counted;
}
