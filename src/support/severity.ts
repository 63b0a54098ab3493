// Severity levels A/B/C, a triage that suggests one from the admin's answers about impact, and the
// limits a cloud puts on the levels (21Vianet: A only for technical issues and only with an advanced
// online service agreement). Support assigns the final severity when the request is opened; the triage
// only suggests one and says why, in terms of the published definitions.
import { z } from 'zod';
import { translate, type Language } from '../i18n/index.js';
import { CLOUDS, type Cloud } from './cloudIds.js';
import { loadSupportData, parseSupportData } from './dataFile.js';
import { dataKey, messageKeys } from './messages.js';

const FILE = 'severities.json';

export const SEVERITIES = ['A', 'B', 'C'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Request categories, the same as taxonomy.json's categories. */
export const REQUEST_CATEGORIES = ['technical', 'billing', 'presales', 'support', 'out-of-scope'] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];

const partId = z.string().regex(/^[a-zA-Z0-9]+$/, 'expected an id of letters and digits (its words are in the message catalogs)');

/** Ids only: the words are catalog messages support.severity.<id>.definition.<part>, .example.<id>, .otherLabel.<id>. */
const definitionSchema = z.object({
  id: z.enum(SEVERITIES),
  otherLabels: z.array(partId),
  definition: z.array(partId).min(1),
  examples: z.array(partId).min(1),
});

/** A severity level in words, in one language. */
export interface SeverityDefinition {
  id: Severity;
  label: string;
  otherLabels: string[];
  summary: string;
  definition: string[];
  examples: string[];
}

const restrictionSchema = z.object({
  cloud: z.enum(CLOUDS),
  severity: z.enum(SEVERITIES),
  onlyForCategories: z.array(z.enum(REQUEST_CATEGORIES)).min(1),
  requiresAdvancedAgreement: z.boolean(),
});
export type SeverityRestriction = z.output<typeof restrictionSchema>;

export const severitiesDataSchema = z
  .object({
    about: z.string().optional(),
    severities: z.array(definitionSchema).length(3),
    restrictions: z.array(restrictionSchema),
  })
  .superRefine((data, ctx) => {
    SEVERITIES.forEach((id, index) => {
      if (data.severities[index]?.id !== id) {
        ctx.addIssue({ code: 'custom', path: ['severities', index, 'id'], message: `expected severity "${id}" in this position (A, B, C order)` });
      }
    });
    data.restrictions.forEach((restriction, index) => {
      if (restriction.severity === 'C') {
        ctx.addIssue({ code: 'custom', path: ['restrictions', index, 'severity'], message: 'severity C must stay available as the lowest level' });
      }
    });
  });
export type SeveritiesData = z.output<typeof severitiesDataSchema>;

export function parseSeveritiesData(value: unknown): SeveritiesData {
  return parseSupportData(FILE, severitiesDataSchema, value);
}

const data = loadSupportData(FILE, severitiesDataSchema);
const restrictionKey = (restriction: SeverityRestriction, why: 'categoryNotAllowed' | 'noAgreement') =>
  dataKey(`support.severity.restriction.${restriction.cloud}.${restriction.severity}.${why}`);
messageKeys(FILE, [
  ...data.severities.flatMap((s) => [
    `support.severity.${s.id}.label`,
    `support.severity.${s.id}.name`,
    `support.severity.${s.id}.summary`,
    ...s.otherLabels.map((id) => `support.severity.${s.id}.otherLabel.${id}`),
    ...s.definition.map((id) => `support.severity.${s.id}.definition.${id}`),
    ...s.examples.map((id) => `support.severity.${s.id}.example.${id}`),
  ]),
  ...data.restrictions.flatMap((r) => [restrictionKey(r, 'categoryNotAllowed'), restrictionKey(r, 'noAgreement')]),
]);

export function severityDefinitions(language: Language = 'en'): readonly SeverityDefinition[] {
  return SEVERITIES.map((severity) => severityDefinition(severity, language));
}

/** A level's label, summary, definition and examples in `language`. */
export function severityDefinition(severity: Severity, language: Language = 'en'): SeverityDefinition {
  const entry = data.severities[SEVERITIES.indexOf(severity)]!;
  const say = (part: string) => translate(language, dataKey(`support.severity.${severity}.${part}`));
  return {
    id: severity,
    label: say('label'),
    otherLabels: entry.otherLabels.map((id) => say(`otherLabel.${id}`)),
    summary: say('summary'),
    definition: entry.definition.map((id) => say(`definition.${id}`)),
    examples: entry.examples.map((id) => say(`example.${id}`)),
  };
}

/** "Severity A (critical)", "Schweregrad A (kritisch)". */
export function severityName(severity: Severity, language: Language = 'en'): string {
  return translate(language, `support.severity.${severity}.name`);
}

/** True when `a` is more severe than `b` (A is the most severe). */
export function isMoreSevere(a: Severity, b: Severity): boolean {
  return SEVERITIES.indexOf(a) < SEVERITIES.indexOf(b);
}

// ---------------------------------------------------------------------------------------------------
// Triage

export interface ImpactAnswers {
  /** The service cannot be used / works but is degraded / barely affects work. */
  impact: 'unusable' | 'impaired' | 'minimal';
  /** Everyone in the organisation (the widest scope), several users or services, or a single user. */
  scope: 'everyone' | 'many' | 'one';
  /** An acceptable workaround exists. */
  workaround: boolean;
  /** Production, operations or deployment deadlines (or profitability) are affected. */
  deadlinesAffected: boolean;
}

export interface TriageResult {
  severity: Severity;
  /** Plain-words explanation of the suggestion against the definitions. */
  reason: string;
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** "You told me the service can't be used, ...": the answers read back, in `language`. */
function describeAnswers(answers: ImpactAnswers, language: Language): string {
  return translate(language, 'support.triage.told', {
    impact: answers.impact,
    scope: answers.scope,
    workaround: yesNo(answers.workaround),
    deadlines: yesNo(answers.deadlinesAffected),
  });
}

/**
 * Suggests a severity from the impact answers.
 *
 * - A (critical): the service is unusable, nobody can work around it, and it hits several users or
 *   business deadlines. All three parts of the critical definition are then present. Also a service that
 *   works badly for the whole organisation with no workaround: the definition's first example is
 *   "Widespread problems sending or receiving mail".
 * - C (non-critical): the impact is minimal (unless deadlines are at risk with no workaround), or a single
 *   user is partly affected, has a workaround and no deadline depends on it.
 * - B (high) for everything in between: an outage someone can work around, an outage limited to one user
 *   with nothing urgent at stake, and degraded service.
 */
export function triageSeverity(answers: ImpactAnswers, language: Language = 'en'): TriageResult {
  const told = describeAnswers(answers, language);
  const { impact, scope, workaround, deadlinesAffected } = answers;
  const result = (severity: Severity, reason: string, values: Record<string, string> = {}): TriageResult => ({
    severity,
    reason: translate(language, dataKey(`support.triage.reason.${reason}`), { told, name: severityName(severity, language), ...values }),
  });

  if (impact === 'impaired' && scope === 'everyone' && !workaround) return result('A', 'impairedEveryone');
  if (impact === 'unusable' && !workaround && (scope !== 'one' || deadlinesAffected)) {
    return result('A', 'unusableNoWorkaround', { who: scope, deadlines: yesNo(deadlinesAffected) });
  }
  if (impact === 'unusable' && workaround) return result('B', 'unusableWorkaround');
  if (impact === 'unusable') return result('B', 'unusableOneUser');
  if (impact === 'impaired' && scope === 'one' && workaround && !deadlinesAffected) return result('C', 'impairedOneUser');
  if (impact === 'impaired') return result('B', 'impaired');
  if (deadlinesAffected && !workaround) return result('B', 'minimalDeadlines');
  return result('C', 'minimal', { workaround: yesNo(workaround) });
}

/** A billing or subscription-management problem, in the terms that decide its severity. */
export interface BillingImpactAnswers {
  /** Money was taken that shouldn't have been: a double or unrecognised charge, a refund owed. */
  moneyTakenWrongly: boolean;
  /**
   * What the billing problem does to the services: already suspended or disabled (`lost`), at risk from a
   * failed payment, a past-due balance or an expiry (`at-risk`), or not at all (`unaffected`).
   */
  access: 'lost' | 'at-risk' | 'unaffected';
  /** A date it has to be sorted by: a payment due, a renewal, a suspension notice. */
  deadline: boolean;
}

/**
 * Suggests a severity for a billing or subscription-management problem. The source documents define
 * one scale for every case ("Microsoft assigns a severity level to a case when it is opened, based on an
 * assessment of the issue type and customer impact") and give no billing examples, so the billing answers
 * are read against the definitions; the cloud limits (21Vianet: billing at most B) are applied afterwards
 * by `clampSeverity`.
 *
 * - A (critical): the billing problem has cut off the services (a suspended or disabled subscription):
 *   "One or more services aren't accessible" and everyone on the subscription is affected.
 * - B (high): money was taken wrongly, the services are at risk, or there is a date to meet: "moderate
 *   business impact and can be dealt with during business hours", which is when billing support works.
 * - C (non-critical): none of these: "does not have a significant current service or productivity impact".
 */
export function triageBillingSeverity(answers: BillingImpactAnswers, language: Language = 'en'): TriageResult {
  const told = translate(language, 'support.triage.billing.told', {
    money: yesNo(answers.moneyTakenWrongly),
    access: answers.access === 'at-risk' ? 'atRisk' : answers.access,
    deadline: yesNo(answers.deadline),
  });
  const result = (severity: Severity, reason: 'lost' | 'atRisk' | 'money' | 'deadline' | 'none'): TriageResult => ({
    severity,
    reason: translate(language, `support.triage.billing.reason.${reason}`, { told, name: severityName(severity, language) }),
  });
  if (answers.access === 'lost') return result('A', 'lost');
  if (answers.access === 'at-risk') return result('B', 'atRisk');
  if (answers.moneyTakenWrongly) return result('B', 'money');
  if (answers.deadline) return result('B', 'deadline');
  return result('C', 'none');
}

/** A pre-sales question or a question about support itself. */
export interface QuestionImpactAnswers {
  /** An answer is needed by a date: a purchase, a renewal, a rollout. */
  deadline: boolean;
}

/**
 * Suggests a severity for a question rather than a fault (pre-sales, how support works): no service is
 * affected, so it is the non-critical level, like the definition's example "How to set user password that
 * never expires"; a date to meet makes it B ("moderate business impact ... during business hours").
 */
export function triageQuestionSeverity(answers: QuestionImpactAnswers, category: 'presales' | 'support', language: Language = 'en'): TriageResult {
  const severity: Severity = answers.deadline ? 'B' : 'C';
  const key = answers.deadline ? 'support.triage.question.deadline' : 'support.triage.question.noDeadline';
  return { severity, reason: translate(language, key, { category, name: severityName(severity, language) }) };
}

// ---------------------------------------------------------------------------------------------------
// Cloud limits

export interface SeverityContext {
  cloud: Cloud;
  category: RequestCategory;
  /** 21Vianet: the customer signed an advanced online service agreement. Unknown counts as no. */
  hasAdvancedAgreement?: boolean;
  /** The language of a `reason` (default English). */
  language?: Language;
}

function violation(restriction: SeverityRestriction, context: SeverityContext): string | undefined {
  const language = context.language ?? 'en';
  if (!restriction.onlyForCategories.includes(context.category)) return translate(language, restrictionKey(restriction, 'categoryNotAllowed'));
  if (restriction.requiresAdvancedAgreement && context.hasAdvancedAgreement !== true) return translate(language, restrictionKey(restriction, 'noAgreement'));
  return undefined;
}

function blockingReason(severity: Severity, context: SeverityContext): string | undefined {
  for (const restriction of data.restrictions) {
    if (restriction.cloud !== context.cloud || restriction.severity !== severity) continue;
    const reason = violation(restriction, context);
    if (reason) return reason;
  }
  return undefined;
}

/** The levels a request may have in this cloud and category, most severe first. */
export function allowedSeverities(context: SeverityContext): Severity[] {
  return SEVERITIES.filter((severity) => blockingReason(severity, context) === undefined);
}

export interface ClampResult {
  /** The most severe allowed level that is not above the requested one. */
  severity: Severity;
  requested: Severity;
  changed: boolean;
  /** Why the level was lowered, when it was. */
  reason?: string;
}

export function clampSeverity(context: SeverityContext & { severity: Severity }): ClampResult {
  const requested = context.severity;
  const reason = blockingReason(requested, context);
  if (reason === undefined) return { severity: requested, requested, changed: false };
  const allowed = allowedSeverities(context).filter((severity) => !isMoreSevere(severity, requested));
  // C is never restricted (the schema refuses it), so there is always a level left.
  return { severity: allowed[0] ?? 'C', requested, changed: true, reason };
}
