import { describe, expect, it } from 'vitest';
import {
  allowedSeverities,
  clampSeverity,
  severityDefinition,
  severityDefinitions,
  triageBillingSeverity,
  triageQuestionSeverity,
  triageSeverity,
  type BillingImpactAnswers,
  type ImpactAnswers,
  type Severity,
} from '../../src/support/severity.js';

describe('severity definitions', () => {
  it.each([
    // [severity, label, number of examples, fact]
    ['A', 'Critical', 3, 'Sev A (Critical): "One or more services aren\'t accessible or are unusable"; examples: mail, SharePoint site down, IM/meetings'],
    ['B', 'High', 2, 'Sev B (High): "usable but in an impaired fashion"; examples: garbled Send button, EAC setting only possible in PowerShell'],
    ['C', 'Non-critical', 2, 'Sev C (Non-critical): "minimal business impact"; examples: password never expires, contact cannot be deleted'],
  ] as const)('Sev %s is "%s" with %i paraphrased examples (%s)', (severity, label, examples, _fact) => {
    const definition = severityDefinition(severity);
    expect(definition.label).toBe(label);
    expect(definition.examples).toHaveLength(examples);
    expect(definition.definition).toHaveLength(3);
  });

  it('lists the levels from most to least severe', () => {
    expect(severityDefinitions().map((d) => d.id)).toEqual(['A', 'B', 'C']);
  });

  it('records that the response-time tables call Sev C "Medium"', () => {
    // fact: "Sev C (Medium)" in both response-time tables
    expect(severityDefinition('C').otherLabels).toContain('Medium');
  });
});

describe('triageSeverity covers every combination of answers', () => {
  // Facts behind the table:
  //  A: "aren't accessible or are unusable", "deadlines are severely affected", "Multiple users or services are affected"
  //  B: "usable but in an impaired fashion", "moderate business impact", "A single user ... is partially affected"
  //  C: "minimal business impact", "A single user is experiencing partial disruption, but an acceptable workaround exists"
  const table: [ImpactAnswers['impact'], ImpactAnswers['scope'], boolean, boolean, Severity][] = [
    // impact,     scope,  workaround, deadlines, expected
    ['unusable', 'many', false, true, 'A'],
    ['unusable', 'many', false, false, 'A'],
    ['unusable', 'many', true, true, 'B'],
    ['unusable', 'many', true, false, 'B'],
    ['unusable', 'one', false, true, 'A'],
    ['unusable', 'one', false, false, 'B'],
    ['unusable', 'one', true, true, 'B'],
    ['unusable', 'one', true, false, 'B'],
    ['impaired', 'many', false, true, 'B'],
    ['impaired', 'many', false, false, 'B'],
    ['impaired', 'many', true, true, 'B'],
    ['impaired', 'many', true, false, 'B'],
    ['impaired', 'one', false, true, 'B'],
    ['impaired', 'one', false, false, 'B'],
    ['impaired', 'one', true, true, 'B'],
    ['impaired', 'one', true, false, 'C'],
    ['minimal', 'many', false, true, 'B'],
    ['minimal', 'many', false, false, 'C'],
    ['minimal', 'many', true, true, 'C'],
    ['minimal', 'many', true, false, 'C'],
    ['minimal', 'one', false, true, 'B'],
    ['minimal', 'one', false, false, 'C'],
    ['minimal', 'one', true, true, 'C'],
    ['minimal', 'one', true, false, 'C'],
  ];

  it('has all 24 combinations', () => {
    expect(new Set(table.map((row) => row.slice(0, 4).join('/'))).size).toBe(24);
  });

  it.each(table)('impact %s, scope %s, workaround %s, deadlines %s → %s', (impact, scope, workaround, deadlinesAffected, expected) => {
    const result = triageSeverity({ impact, scope, workaround, deadlinesAffected });
    expect(result.severity).toBe(expected);
    expect(result.reason).toContain(`Severity ${expected}`);
  });
});

describe('triageSeverity: "everyone in the organisation" is the widest scope', () => {
  // Facts: Sev A "Multiple users or services are affected", example "Widespread problems sending or
  // receiving mail." (Service description; the 21Vianet page is identical). A problem that hits the whole
  // organisation with no workaround is critical even while the service still half works.
  const table: [ImpactAnswers['impact'], boolean, boolean, Severity][] = [
    // impact,    workaround, deadlines, expected
    ['unusable', false, true, 'A'],
    ['unusable', false, false, 'A'],
    ['unusable', true, true, 'B'],
    ['unusable', true, false, 'B'],
    ['impaired', false, true, 'A'],
    ['impaired', false, false, 'A'],
    ['impaired', true, true, 'B'],
    ['impaired', true, false, 'B'],
    ['minimal', false, true, 'B'],
    ['minimal', false, false, 'C'],
    ['minimal', true, true, 'C'],
    ['minimal', true, false, 'C'],
  ];

  it.each(table)('impact %s, everyone, workaround %s, deadlines %s → %s', (impact, workaround, deadlinesAffected, expected) => {
    const result = triageSeverity({ impact, scope: 'everyone', workaround, deadlinesAffected });
    expect(result.severity).toBe(expected);
    expect(result.reason).toContain(`Severity ${expected}`);
  });

  it('is never less severe than "several users" for the same answers', () => {
    const order = ['A', 'B', 'C'];
    for (const impact of ['unusable', 'impaired', 'minimal'] as const) {
      for (const workaround of [true, false]) {
        for (const deadlinesAffected of [true, false]) {
          const everyone = triageSeverity({ impact, scope: 'everyone', workaround, deadlinesAffected }).severity;
          const many = triageSeverity({ impact, scope: 'many', workaround, deadlinesAffected }).severity;
          expect(order.indexOf(everyone)).toBeLessThanOrEqual(order.indexOf(many));
        }
      }
    }
  });

  it('says the whole organisation is affected and names the widespread-mail example', () => {
    const { reason } = triageSeverity({ impact: 'impaired', scope: 'everyone', workaround: false, deadlinesAffected: false });
    expect(reason).toContain('everyone in the organisation is affected');
    expect(reason).toContain('Severity A (critical)');
    expect(reason).toMatch(/widespread problems sending or receiving mail/);
  });
});

describe('triageBillingSeverity: billing and subscription management', () => {
  // Facts behind the table (Service description; the 21Vianet page is identical):
  //  A: "One or more services aren't accessible or are unusable", "Multiple users or services are affected"
  //     (a subscription suspended for a billing reason cuts off every user on it)
  //  B: "moderate business impact and can be dealt with during business hours" (billing support works
  //     business hours: "Billing support is provided ... 9 AM-5 PM ... Monday-Friday", Ways to contact support)
  //  C: "minimal business impact", "does not have a significant current service or productivity impact"
  const table: [BillingImpactAnswers['access'], boolean, boolean, Severity][] = [
    // access,      money taken wrongly, deadline, expected
    ['lost', true, true, 'A'],
    ['lost', true, false, 'A'],
    ['lost', false, true, 'A'],
    ['lost', false, false, 'A'],
    ['at-risk', true, true, 'B'],
    ['at-risk', true, false, 'B'],
    ['at-risk', false, true, 'B'],
    ['at-risk', false, false, 'B'],
    ['unaffected', true, true, 'B'],
    ['unaffected', true, false, 'B'],
    ['unaffected', false, true, 'B'],
    ['unaffected', false, false, 'C'],
  ];

  it('has all 12 combinations', () => {
    expect(new Set(table.map((row) => row.slice(0, 3).join('/'))).size).toBe(12);
  });

  it.each(table)('access %s, money taken wrongly %s, deadline %s → %s', (access, moneyTakenWrongly, deadline, expected) => {
    const result = triageBillingSeverity({ access, moneyTakenWrongly, deadline });
    expect(result.severity).toBe(expected);
    expect(result.reason).toContain(`Severity ${expected}`);
  });

  it('explains a duplicate charge in billing terms, not in terms of an outage', () => {
    const { severity, reason } = triageBillingSeverity({ access: 'unaffected', moneyTakenWrongly: true, deadline: false });
    expect(severity).toBe('B');
    expect(reason).toMatch(/money was taken that shouldn't have been/);
    expect(reason).toMatch(/services keep working/);
    expect(reason).not.toMatch(/workaround|degraded|impaired/);
  });

  it.each([
    ['worldwide', 'A', false],
    ['germany', 'A', false],
    ['21vianet', 'B', true],
  ] as const)('a suspended subscription in the %s cloud is Sev %s after the cloud limits (lowered: %s)', (cloud, expected, changed) => {
    // fact: "For billing and subscription management support, the highest severity level is B." (Ways to contact support, 21Vianet)
    const triaged = triageBillingSeverity({ access: 'lost', moneyTakenWrongly: false, deadline: true });
    const clamped = clampSeverity({ cloud, category: 'billing', severity: triaged.severity, hasAdvancedAgreement: true });
    expect(clamped).toMatchObject({ severity: expected, changed });
    if (changed) expect(clamped.reason).toMatch(/billing, subscription and other requests go up to Severity B/);
  });
});

describe('triageQuestionSeverity: pre-sales and questions about support', () => {
  // Facts: Sev C "The issue is important but does not have a significant current service or productivity
  // impact", example "How to set user password that never expires." (a how-to question); Sev B "moderate
  // business impact and can be dealt with during business hours". Pre-sales is answered "during local
  // business hours, Monday through Friday" (Service description).
  it.each([
    ['presales', false, 'C'],
    ['presales', true, 'B'],
    ['support', false, 'C'],
    ['support', true, 'B'],
  ] as const)('%s with a deadline %s → %s', (category, deadline, expected) => {
    const result = triageQuestionSeverity({ deadline }, category);
    expect(result.severity).toBe(expected);
    expect(result.reason).toContain(`Severity ${expected}`);
    expect(result.reason).not.toMatch(/workaround|outage/);
  });
});

describe('triageSeverity explains its suggestion in plain words', () => {
  it('repeats the answers and names the critical level for a widespread outage', () => {
    const { reason } = triageSeverity({ impact: 'unusable', scope: 'many', workaround: false, deadlinesAffected: true });
    expect(reason).toContain("the service can't be used");
    expect(reason).toContain('several users or services are affected');
    expect(reason).toContain("there's no workaround");
    expect(reason).toContain('Severity A (critical)');
    expect(reason).toContain('several users or services and business deadlines');
  });

  it('says why a single-user outage with nothing at stake is not critical', () => {
    const { reason } = triageSeverity({ impact: 'unusable', scope: 'one', workaround: false, deadlinesAffected: false });
    expect(reason).toMatch(/critical level is for outages that hit several users/);
  });

  it('says the workaround is what keeps an outage at the high level', () => {
    const { reason } = triageSeverity({ impact: 'unusable', scope: 'many', workaround: true, deadlinesAffected: false });
    expect(reason).toMatch(/workaround keeps people working/);
  });

  it('describes the non-critical case of one user with a workaround', () => {
    const { reason } = triageSeverity({ impact: 'impaired', scope: 'one', workaround: true, deadlinesAffected: false });
    expect(reason).toContain('Severity C (non-critical)');
    expect(reason).toContain('one user is partly disrupted');
  });
});

describe('allowed severities per cloud', () => {
  it.each([
    // [cloud, category, advanced agreement, allowed, fact]
    ['worldwide', 'technical', undefined, ['A', 'B', 'C'], 'worldwide table offers Sev A, B and C to every plan family'],
    ['worldwide', 'billing', undefined, ['A', 'B', 'C'], 'the worldwide documents put no category limit on severities'],
    ['germany', 'technical', undefined, ['A', 'B', 'C'], 'the Germany page sets no severity limits'],
    ['21vianet', 'technical', true, ['A', 'B', 'C'], '"Severity A is only available to customers who had signed an advanced online service agreement"'],
    ['21vianet', 'technical', false, ['B', 'C'], 'no advanced online service agreement: no Severity A'],
    ['21vianet', 'technical', undefined, ['B', 'C'], 'agreement unknown: treated as no agreement'],
    ['21vianet', 'billing', true, ['B', 'C'], '"For billing and subscription management support, the highest severity level is B"'],
    ['21vianet', 'presales', true, ['B', 'C'], '"Severity A is available only for technical support"'],
  ] as const)('%s %s (agreement %s) allows %j (%s)', (cloud, category, hasAdvancedAgreement, allowed, _fact) => {
    expect(allowedSeverities({ cloud, category, hasAdvancedAgreement })).toEqual(allowed);
  });
});

describe('clampSeverity', () => {
  it.each([
    // [cloud, category, agreement, requested, result, changed, reason pattern]
    ['21vianet', 'billing', true, 'A', 'B', true, /only for technical support/],
    ['21vianet', 'technical', false, 'A', 'B', true, /advanced online service agreement/],
    ['21vianet', 'technical', undefined, 'A', 'B', true, /advanced online service agreement/],
    ['21vianet', 'technical', true, 'A', 'A', false, undefined],
    ['21vianet', 'billing', false, 'B', 'B', false, undefined],
    ['21vianet', 'billing', false, 'C', 'C', false, undefined],
    ['worldwide', 'billing', undefined, 'A', 'A', false, undefined],
  ] as const)('%s %s (agreement %s): %s becomes %s', (cloud, category, hasAdvancedAgreement, severity, expected, changed, reason) => {
    const result = clampSeverity({ cloud, category, hasAdvancedAgreement, severity });
    expect(result).toMatchObject({ severity: expected, requested: severity, changed });
    if (reason) expect(result.reason).toMatch(reason);
    else expect(result.reason).toBeUndefined();
  });
});
