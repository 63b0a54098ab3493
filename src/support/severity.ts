// Severity levels A/B/C, a triage that suggests one from the admin's answers about impact, and the
// limits a cloud puts on the levels (21Vianet: A only for technical issues and only with an advanced
// online service agreement). Support assigns the final severity when the request is opened; the triage
// only suggests one and says why, in terms of the published definitions.
import { z } from 'zod';
import { CLOUDS, type Cloud } from './cloudIds.js';
import { loadSupportData, parseSupportData } from './dataFile.js';

const FILE = 'severities.json';

export const SEVERITIES = ['A', 'B', 'C'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Request categories, the same as taxonomy.json's categories. */
export const REQUEST_CATEGORIES = ['technical', 'billing', 'presales', 'support', 'out-of-scope'] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];

const definitionSchema = z.object({
  id: z.enum(SEVERITIES),
  label: z.string().min(1),
  otherLabels: z.array(z.string().min(1)),
  summary: z.string().min(1),
  definition: z.array(z.string().min(1)).min(1),
  examples: z.array(z.string().min(1)).min(1),
});
export type SeverityDefinition = z.output<typeof definitionSchema>;

const restrictionSchema = z.object({
  cloud: z.enum(CLOUDS),
  severity: z.enum(SEVERITIES),
  onlyForCategories: z.array(z.enum(REQUEST_CATEGORIES)).min(1),
  requiresAdvancedAgreement: z.boolean(),
  whenCategoryNotAllowed: z.string().min(1),
  whenNoAgreement: z.string().min(1),
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

export function severityDefinitions(): readonly SeverityDefinition[] {
  return data.severities;
}

export function severityDefinition(severity: Severity): SeverityDefinition {
  return data.severities[SEVERITIES.indexOf(severity)]!;
}

/** "Severity A (critical)". */
export function severityName(severity: Severity): string {
  return `Severity ${severity} (${severityDefinition(severity).label.toLowerCase()})`;
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

function describeAnswers(answers: ImpactAnswers): string {
  const impact = { unusable: "the service can't be used", impaired: 'the service works but not properly', minimal: 'the effect on work is small' }[
    answers.impact
  ];
  const scope = { everyone: 'everyone in the organisation is affected', many: 'several users or services are affected', one: 'one user is affected' }[answers.scope];
  const workaround = answers.workaround ? 'there is a workaround' : "there's no workaround";
  const deadlines = answers.deadlinesAffected ? 'deadlines or production are at risk' : 'no deadlines are at risk';
  return `${impact}, ${scope}, ${workaround} and ${deadlines}`;
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
export function triageSeverity(answers: ImpactAnswers): TriageResult {
  const told = `You told me ${describeAnswers(answers)}.`;
  const { impact, scope, workaround, deadlinesAffected } = answers;

  if (impact === 'impaired' && scope === 'everyone' && !workaround) {
    return {
      severity: 'A',
      reason: `${told} That is ${severityName('A')}: a problem that hits the whole organisation with no way around it is critical even while the service partly works, like the definition's example of widespread problems sending or receiving mail.`,
    };
  }
  if (impact === 'unusable' && !workaround && (scope !== 'one' || deadlinesAffected)) {
    const who = { everyone: 'the whole organisation', many: 'several users or services', one: '' }[scope];
    const hit = [who, deadlinesAffected ? 'business deadlines' : ''].filter(Boolean).join(' and ');
    return {
      severity: 'A',
      reason: `${told} That is ${severityName('A')}: a service is down or unusable with no way around it, and it hits ${hit}.`,
    };
  }
  if (impact === 'unusable' && workaround) {
    return {
      severity: 'B',
      reason: `${told} That is ${severityName('B')}: the workaround keeps people working while it is fixed, so the impact is the moderate one of the high level rather than critical.`,
    };
  }
  if (impact === 'unusable') {
    return {
      severity: 'B',
      reason: `${told} That is ${severityName('B')}: the critical level is for outages that hit several users or services or put deadlines at risk, and this one affects a single user with nothing urgent at stake.`,
    };
  }
  if (impact === 'impaired' && scope === 'one' && workaround && !deadlinesAffected) {
    return {
      severity: 'C',
      reason: `${told} That is ${severityName('C')}: one user is partly disrupted, can work around it, and nothing urgent depends on it.`,
    };
  }
  if (impact === 'impaired') {
    return {
      severity: 'B',
      reason: `${told} That is ${severityName('B')}: the service still works but is degraded, with a moderate effect on the business.`,
    };
  }
  if (deadlinesAffected && !workaround) {
    return {
      severity: 'B',
      reason: `${told} That is ${severityName('B')}: the impact looks small, but with deadlines at risk and no workaround it needs more than the non-critical level.`,
    };
  }
  return {
    severity: 'C',
    reason: `${told} That is ${severityName('C')}: the business is barely affected${workaround ? ' and a workaround exists' : ''}.`,
  };
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

function describeBillingAnswers(answers: BillingImpactAnswers): string {
  const access = {
    lost: 'your services are already suspended or disabled',
    'at-risk': 'your services are at risk',
    unaffected: 'your services keep working',
  }[answers.access];
  const money = answers.moneyTakenWrongly ? "money was taken that shouldn't have been" : 'no money was taken wrongly';
  const deadline = answers.deadline ? 'there is a date to meet' : 'there is no date to meet';
  return `${money}, ${access} and ${deadline}`;
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
export function triageBillingSeverity(answers: BillingImpactAnswers): TriageResult {
  const told = `You told me ${describeBillingAnswers(answers)}.`;
  if (answers.access === 'lost') {
    return {
      severity: 'A',
      reason: `${told} That is ${severityName('A')}: the billing problem has cut off the services, so nobody on the subscription can use them.`,
    };
  }
  if (answers.access === 'at-risk') {
    return {
      severity: 'B',
      reason: `${told} That is ${severityName('B')}: the services still work, but the billing problem puts them at risk, a moderate business impact for billing support to settle in business hours. If they are switched off, it becomes critical.`,
    };
  }
  if (answers.moneyTakenWrongly) {
    return {
      severity: 'B',
      reason: `${told} That is ${severityName('B')}: money was taken that shouldn't have been, a moderate business impact for billing support to settle in business hours; with the services working it isn't critical.`,
    };
  }
  if (answers.deadline) {
    return {
      severity: 'B',
      reason: `${told} That is ${severityName('B')}: nothing is wrong with the services or the money taken, but the date makes it more than a non-critical matter.`,
    };
  }
  return {
    severity: 'C',
    reason: `${told} That is ${severityName('C')}: neither the services nor your money are affected, so the business impact is small.`,
  };
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
export function triageQuestionSeverity(answers: QuestionImpactAnswers, category: 'presales' | 'support'): TriageResult {
  const what = category === 'presales' ? 'a question before buying' : 'a question about support';
  if (answers.deadline) {
    return {
      severity: 'B',
      reason: `You told me this is ${what} and an answer is needed by a certain date. That is ${severityName('B')}: no service is affected, but the date gives it a moderate business impact.`,
    };
  }
  return {
    severity: 'C',
    reason: `You told me this is ${what} with no date to meet. That is ${severityName('C')}: no service or anyone's work is affected.`,
  };
}

// ---------------------------------------------------------------------------------------------------
// Cloud limits

export interface SeverityContext {
  cloud: Cloud;
  category: RequestCategory;
  /** 21Vianet: the customer signed an advanced online service agreement. Unknown counts as no. */
  hasAdvancedAgreement?: boolean;
}

function violation(restriction: SeverityRestriction, context: SeverityContext): string | undefined {
  if (!restriction.onlyForCategories.includes(context.category)) return restriction.whenCategoryNotAllowed;
  if (restriction.requiresAdvancedAgreement && context.hasAdvancedAgreement !== true) return restriction.whenNoAgreement;
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
