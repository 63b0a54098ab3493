// The three cloud variants (worldwide, 21Vianet in China, Office 365 Germany) and what differs between
// them, assembled from clouds.json and the phone, hours and severity rules, plus recognition of the
// cloud from a tenant domain or from what the admin says.
import { z } from 'zod';
import { FORMATTING_LOCALE, translate, type Language } from '../i18n/index.js';
import { CLOUDS, cloudName, type Cloud } from './cloudIds.js';
import { loadSupportData, parseSupportData } from './dataFile.js';
import { dataKey, messageKeys } from './messages.js';
import { phoneDirectory, phoneFallbackText, pinVerificationApplies, pinVerificationExplanation, type PhoneNumberEntry } from './phoneDirectory.js';
import { listSupportHoursRules, supportHoursFor, SUPPORT_KINDS, type SupportKind } from './supportHours.js';

export { CLOUDS, cloudName, isCloud, type Cloud } from './cloudIds.js';

const FILE = 'clouds.json';

const partId = z.string().regex(/^[a-zA-Z0-9]+$/, 'expected an id of letters and digits (its words are in the message catalogs)');

/**
 * The facts of a cloud; its words are catalog messages support.cloud.<id>.* (name, onlineRequest.summary,
 * onlineRequest.step.<step>, beforeYouStart, nonAdminAdvice, severityNote.<note>, otherNote.<note>) and
 * support.coverage.<kind>.
 */
const cloudEntrySchema = z.object({
  id: z.enum(CLOUDS),
  operator: z.string().min(1),
  adminCenterUrl: z.url().optional(),
  coverage: z.array(partId).min(1),
  /** Stated support for trial subscriptions; absent when the source does not say. */
  trialsSupported: z.boolean().optional(),
  onlineRequest: z.object({ steps: z.array(partId).min(1) }),
  /** Whether there is a hint to read before opening a request. */
  beforeYouStart: z.boolean().optional(),
  severityNotes: z.array(partId),
  otherNotes: z.array(partId),
  domainSuffixes: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'expected a lower-case domain suffix')),
  keywords: z.array(z.string().min(1)),
});
type CloudEntry = z.output<typeof cloudEntrySchema>;

export const cloudsDataSchema = z
  .object({ about: z.string().optional(), clouds: z.array(cloudEntrySchema) })
  .superRefine((data, ctx) => {
    for (const cloud of CLOUDS) {
      const count = data.clouds.filter((entry) => entry.id === cloud).length;
      if (count !== 1) ctx.addIssue({ code: 'custom', path: ['clouds'], message: `expected exactly one entry for cloud "${cloud}", found ${count}` });
    }
  });
export type CloudsData = z.output<typeof cloudsDataSchema>;

export function parseCloudsData(value: unknown): CloudsData {
  return parseSupportData(FILE, cloudsDataSchema, value);
}

const data = loadSupportData(FILE, cloudsDataSchema);
messageKeys(
  FILE,
  data.clouds.flatMap((entry) => [
    `support.cloud.${entry.id}.name`,
    `support.cloud.${entry.id}.onlineRequest.summary`,
    `support.cloud.${entry.id}.nonAdminAdvice`,
    ...(entry.beforeYouStart ? [`support.cloud.${entry.id}.beforeYouStart`] : []),
    ...entry.onlineRequest.steps.map((step) => `support.cloud.${entry.id}.onlineRequest.step.${step}`),
    ...entry.severityNotes.map((note) => `support.cloud.${entry.id}.severityNote.${note}`),
    ...entry.otherNotes.map((note) => `support.cloud.${entry.id}.otherNote.${note}`),
    ...entry.coverage.map((kind) => `support.coverage.${kind}`),
  ]),
);

function entryFor(cloud: Cloud): CloudEntry {
  return data.clouds.find((entry) => entry.id === cloud)!;
}

export interface CloudProfile {
  id: Cloud;
  name: string;
  operator: string;
  adminCenterUrl?: string;
  /** Kinds of help offered, as the source lists them. */
  coverage: readonly string[];
  trialsSupported?: boolean;
  /** How to open a service request online. */
  onlineRequest: { summary: string; steps: readonly string[] };
  beforeYouStart?: string;
  nonAdminAdvice: string;
  phones: PhoneNumberEntry[];
  /** What to say when the admin's country has no listed number. */
  phoneFallback: string;
  /** PIN check explanation, when the source describes one for this cloud. */
  pinVerification?: string;
  /** One sentence per kind of support, e.g. hours.billing = "Billing support for Office 365 Germany is available ...". */
  hours: Record<SupportKind, string>;
  /** Languages the support lines are stated to use; empty when the source does not say. */
  languages: string[];
  severityNotes: readonly string[];
  otherNotes: readonly string[];
}

/** Everything that differs in a cloud variant, ready to be shown or summarised, in `language`. */
export function cloudProfile(cloud: Cloud, language: Language = 'en'): CloudProfile {
  const entry = entryFor(cloud);
  const say = (part: string) => translate(language, dataKey(`support.cloud.${cloud}.${part}`));
  const hours = Object.fromEntries(SUPPORT_KINDS.map((kind) => [kind, supportHoursFor({ cloud, kind, language }).text])) as Record<SupportKind, string>;
  const codes = [...new Set(listSupportHoursRules().filter((rule) => rule.cloud === cloud).flatMap((rule) => rule.languages))];
  return {
    id: cloud,
    name: cloudName(cloud, language),
    operator: entry.operator,
    ...(entry.adminCenterUrl ? { adminCenterUrl: entry.adminCenterUrl } : {}),
    coverage: entry.coverage.map((kind) => translate(language, dataKey(`support.coverage.${kind}`))),
    ...(entry.trialsSupported !== undefined ? { trialsSupported: entry.trialsSupported } : {}),
    onlineRequest: { summary: say('onlineRequest.summary'), steps: entry.onlineRequest.steps.map((step) => say(`onlineRequest.step.${step}`)) },
    ...(entry.beforeYouStart ? { beforeYouStart: say('beforeYouStart') } : {}),
    nonAdminAdvice: say('nonAdminAdvice'),
    phones: phoneDirectory(cloud, language),
    phoneFallback: phoneFallbackText(cloud, language),
    ...(pinVerificationApplies(cloud) ? { pinVerification: pinVerificationExplanation(language) } : {}),
    hours,
    languages: codes.map((code) => languageName(code, language)),
    severityNotes: entry.severityNotes.map((note) => say(`severityNote.${note}`)),
    otherNotes: entry.otherNotes.map((note) => say(`otherNote.${note}`)),
  };
}

/** A support line's language (a BCP 47 code in the data) named in the admin's language: "German", "Deutsch", "德语". */
function languageName(code: string, language: Language): string {
  return new Intl.DisplayNames([language === 'en' ? 'en' : FORMATTING_LOCALE[language]], { type: 'language' }).of(code) ?? code;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Recognises the cloud from a tenant domain or an email address ("contoso.onmicrosoft.de" → germany,
 * "admin@contoso.partner.onmschina.cn" → 21vianet) or from words ("we use 21Vianet", "Office 365
 * Germany", "China"). A domain wins over words; among words the longest match wins. Undefined when
 * nothing points to a cloud: callers should then assume worldwide. "Germany" alone is not enough,
 * since most German organisations use the worldwide service; "China" is, since the service in mainland
 * China is the one operated by 21Vianet.
 */
export function detectCloud(textOrDomain: string): Cloud | undefined {
  const text = textOrDomain.toLowerCase();
  const domains = text.match(/[a-z0-9-]+(?:\.[a-z0-9-]+)+/g) ?? [];
  let bestDomain: { cloud: Cloud; length: number } | undefined;
  for (const entry of data.clouds) {
    for (const suffix of entry.domainSuffixes) {
      if (domains.some((domain) => domain === suffix || domain.endsWith(`.${suffix}`)) && (!bestDomain || suffix.length > bestDomain.length)) {
        bestDomain = { cloud: entry.id, length: suffix.length };
      }
    }
  }
  if (bestDomain) return bestDomain.cloud;

  let bestWord: { cloud: Cloud; length: number } | undefined;
  for (const entry of data.clouds) {
    for (const keyword of entry.keywords) {
      // Word boundaries only make sense for Latin letters; other scripts are matched as substrings.
      const pattern = /^[\x00-\x7f]+$/.test(keyword) ? new RegExp(`(?:^|[^a-z0-9])${escapeRegExp(keyword)}(?:$|[^a-z0-9])`) : new RegExp(escapeRegExp(keyword));
      if (pattern.test(text) && (!bestWord || keyword.length > bestWord.length)) bestWord = { cloud: entry.id, length: keyword.length };
    }
  }
  return bestWord?.cloud;
}
