// Plans and the support family whose response-time objectives they get.
// The worldwide objectives table groups plans in columns: business plans (footnote 1), enterprise,
// government and frontline plans (footnote 2, identical objectives) and paid elevated support. Paid
// standalone plans are supported like the enterprise family. Elevated support is an add-on bought on top
// of a plan, so it is a flag next to the family rather than a family of plans.
import { z } from 'zod';
import { translate, type Language } from '../i18n/index.js';
import { loadSupportData, parseSupportData } from './dataFile.js';
import { dataKey, messageKeys } from './messages.js';

const FILE = 'plans.json';

export const PLAN_FAMILIES = ['business', 'enterprise'] as const;
export type PlanFamily = (typeof PLAN_FAMILIES)[number];
export const PLAN_GROUPS = ['business', 'education', 'enterprise', 'government', 'frontline', 'standalone'] as const;

const planSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'expected a lower-case id with dashes'),
  /** The product brand ("Microsoft 365"), the same in every language; the edition's words are support.plan.<id>.edition. */
  brand: z.string().min(1).optional(),
  formerNames: z.array(z.string().min(1)),
  group: z.enum(PLAN_GROUPS),
  family: z.enum(PLAN_FAMILIES),
  /** Whether the source documents name this plan; others are placed by product family. */
  listedInSource: z.boolean(),
  aliases: z.array(z.string().min(1)).min(1),
});
/** A plan, with its English name (matched like an alias; `planName` gives it in another language). */
export type Plan = z.output<typeof planSchema> & { name: string };

/** Name and audience are catalog messages support.elevatedOffer.<id>.name and .audience. */
const elevatedOfferSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'expected a lower-case id with dashes'),
  aliases: z.array(z.string().min(1)).min(1),
});
/** An elevated support offer, its name and audience in English (see `elevatedOfferInWords`). */
export type ElevatedOffer = z.output<typeof elevatedOfferSchema> & { name: string; audience: string };

export const plansDataSchema = z
  .object({
    about: z.string().optional(),
    plans: z.array(planSchema).min(1),
    /** The family assumed for an unknown plan; the explanation is support.plan.unknown.explanation. */
    unknownPlan: z.object({ family: z.enum(PLAN_FAMILIES) }),
    elevatedOffers: z.array(elevatedOfferSchema),
  })
  .superRefine((data, ctx) => {
    const seen = new Set<string>();
    data.plans.forEach((plan, index) => {
      if (seen.has(plan.id)) ctx.addIssue({ code: 'custom', path: ['plans', index, 'id'], message: `duplicate plan id "${plan.id}"` });
      seen.add(plan.id);
    });
  });
export type PlansData = z.output<typeof plansDataSchema>;

export function parsePlansData(value: unknown): PlansData {
  return parseSupportData(FILE, plansDataSchema, value);
}

const data = loadSupportData(FILE, plansDataSchema);
messageKeys(FILE, [
  ...data.plans.map((plan) => `support.plan.${plan.id}.edition`),
  ...data.elevatedOffers.flatMap((offer) => [`support.elevatedOffer.${offer.id}.name`, `support.elevatedOffer.${offer.id}.audience`]),
]);

function nameIn(plan: z.output<typeof planSchema>, language: Language): string {
  const edition = translate(language, dataKey(`support.plan.${plan.id}.edition`));
  return plan.brand ? translate(language, 'support.plan.name', { brand: plan.brand, edition }) : edition;
}

const plans: Plan[] = data.plans.map((plan) => ({ ...plan, name: nameIn(plan, 'en') }));
const offers: ElevatedOffer[] = data.elevatedOffers.map((offer) => ({ ...offer, ...elevatedOfferInWords(offer.id, 'en') }));

export function listPlans(): readonly Plan[] {
  return plans;
}

export function getPlan(planId: string): Plan | undefined {
  return plans.find((plan) => plan.id === planId);
}

/** The plan's name as an admin reads it: "Microsoft 365 Business Basic", "Microsoft 365 商业基础版"; the id itself when unknown. */
export function planName(planId: string, language: Language = 'en'): string {
  const plan = data.plans.find((p) => p.id === planId);
  return plan ? nameIn(plan, language) : planId;
}

/** An elevated offer's name and who it is for, in `language`. */
export function elevatedOfferInWords(offerId: string, language: Language = 'en'): { name: string; audience: string } {
  return {
    name: translate(language, dataKey(`support.elevatedOffer.${offerId}.name`)),
    audience: translate(language, dataKey(`support.elevatedOffer.${offerId}.audience`)),
  };
}

/**
 * The family whose objectives apply. An unknown or missing plan gets the most conservative family
 * (business); use `resolvePlanFamily` when you also need to tell the admin that it was assumed.
 */
export function planFamily(planId: string | undefined): PlanFamily {
  return resolvePlanFamily(planId).family;
}

export interface PlanFamilyResolution {
  family: PlanFamily;
  plan?: Plan;
  /** True when the plan was not known and the conservative family was used. */
  assumed: boolean;
  /** Sentence to show the admin when the family was assumed. */
  note?: string;
}

export function resolvePlanFamily(planId: string | undefined, language: Language = 'en'): PlanFamilyResolution {
  const plan = planId === undefined ? undefined : getPlan(planId);
  if (plan) return { family: plan.family, plan, assumed: false };
  return { family: data.unknownPlan.family, assumed: true, note: unknownPlanExplanation(language) };
}

/** The rule for admins who don't know their plan, in words. */
export function unknownPlanExplanation(language: Language = 'en'): string {
  return translate(language, 'support.plan.unknown.explanation');
}

// ---------------------------------------------------------------------------------------------------
// Matching what an admin types. Brand spellings vary a lot (O365, Office365, M365, MS 365, "Microsoft
// 365"), so both aliases and input are normalised first; then the longest alias found inside the input
// wins. Length is measured without the brand prefix, so "Microsoft 365 Business Basic" matches
// "business basic" rather than the shorter "microsoft 365 business"; the brand only breaks ties, which
// is what separates the old "Office 365 Business Premium" (now Business Standard) from "Microsoft 365
// Business Premium".

const BRANDS = ['office 365 ', 'microsoft 365 '];

export function normalizePlanText(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/u\.s\./g, 'us')
    .replace(/&/g, ' and ')
    .replace(/\b(?:o|0)\s?365/g, ' office 365 ')
    .replace(/\boffice\s?365/g, ' office 365 ')
    .replace(/\b(?:m|ms|microsoft)\s?365/g, ' microsoft 365 ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bgov(?:t|ernment)?\b/g, 'government')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

function coreLength(alias: string): number {
  const brand = BRANDS.find((prefix) => alias.startsWith(prefix));
  return brand ? alias.length - brand.length : alias.length;
}

interface AliasEntry<T> {
  alias: string;
  target: T;
}

function bestAliasMatch<T>(entries: readonly AliasEntry<T>[], normalizedInput: string): T | undefined {
  let best: { entry: AliasEntry<T>; core: number } | undefined;
  for (const entry of entries) {
    if (!normalizedInput.includes(` ${entry.alias} `)) continue;
    const core = coreLength(entry.alias);
    if (!best || core > best.core || (core === best.core && entry.alias.length > best.entry.alias.length)) {
      best = { entry, core };
    }
  }
  return best?.entry.target;
}

const planAliases: AliasEntry<Plan>[] = plans.flatMap((plan) =>
  [plan.name, ...plan.formerNames, ...plan.aliases].map((alias) => ({ alias: normalizePlanText(alias).trim(), target: plan })),
);
const offerAliases: AliasEntry<ElevatedOffer>[] = offers.flatMap((offer) =>
  [offer.name, ...offer.aliases].map((alias) => ({ alias: normalizePlanText(alias).trim(), target: offer })),
);
const vocabulary = [...new Set(planAliases.flatMap((entry) => entry.alias.split(' ')))].filter((word) => word.length >= 5);

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), enough for typing slips. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
    }
  }
  return d[a.length]![b.length]!;
}

/** Replaces misspelt long words ("busines", "premuim") by the plan vocabulary word they are closest to. */
function correctTypos(normalized: string): string {
  const words = normalized.trim().split(' ').map((word) => {
    if (word.length < 5 || vocabulary.includes(word)) return word;
    const allowed = word.length >= 8 ? 2 : 1;
    let best: { word: string; distance: number } | undefined;
    for (const candidate of vocabulary) {
      const distance = editDistance(word, candidate);
      if (distance <= allowed && (!best || distance < best.distance)) best = { word: candidate, distance };
    }
    return best?.word ?? word;
  });
  return ` ${words.join(' ')} `;
}

/**
 * Finds the plan an admin names in free text ("E3", "business premium", "office 365 enterprise e3",
 * "M365 BP", "we're on Business Standard"). Undefined when no plan is recognised, e.g. for "business"
 * alone, which could be any of several business plans.
 */
export function findPlan(text: string): Plan | undefined {
  const normalized = normalizePlanText(text);
  return bestAliasMatch(planAliases, normalized) ?? bestAliasMatch(planAliases, correctTypos(normalized));
}

/**
 * Aliases that are ordinary words, or a brand with a word that often follows it, in a sentence about a
 * problem: "our education department", "our Microsoft 365 business subscription". They name a plan when
 * the admin answers "which plan?", not in a description of the problem.
 */
const AMBIGUOUS_IN_A_SENTENCE = new Set(
  ['education', 'edu', 'frontline', 'firstline', 'standalone', 'stand alone', 'office 365 business', 'microsoft 365 business'].map((alias) =>
    normalizePlanText(alias).trim(),
  ),
);
const sentenceAliases = planAliases.filter((entry) => !AMBIGUOUS_IN_A_SENTENCE.has(entry.alias));

/**
 * The plan an admin names in passing while describing a problem ("we were charged twice for Business
 * Premium"), so the conversation need not ask for it. Stricter than `findPlan`: no typo correction, and
 * aliases that are ordinary words in a sentence ("education", "Microsoft 365 business") don't count.
 */
export function findPlanInText(text: string): Plan | undefined {
  return bestAliasMatch(sentenceAliases, normalizePlanText(text));
}

/** Recognises a paid elevated support offer (Premier, Professional Direct ...) named in free text. */
export function findElevatedOffer(text: string): ElevatedOffer | undefined {
  return bestAliasMatch(offerAliases, normalizePlanText(text));
}
