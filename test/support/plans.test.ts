import { describe, expect, it } from 'vitest';
import { findElevatedOffer, findPlan, findPlanInText, getPlan, listPlans, planFamily, resolvePlanFamily } from '../../src/support/plans.js';

describe('plan families (worldwide objectives table)', () => {
  it.each([
    // [planId, family, fact from the service description]
    ['business-basic', 'business', 'column "Office 365 Business Essentials" carries footnote 1: "Business plans"'],
    ['apps-for-business', 'business', 'column "Office 365 Business" carries footnote 1: "Business plans"'],
    ['business-standard', 'business', 'column "Office 365 Business Premium" (today Business Standard) carries footnote 1'],
    ['education', 'business', 'column "Office 365 Education" carries footnote 1, the business-plan footnote'],
    ['o365-e1', 'enterprise', 'column "Office 365 Enterprise E1" carries footnote 2: "Enterprise plans"'],
    ['o365-e3', 'enterprise', 'column "Office 365 Enterprise E3" carries footnote 2'],
    ['gov-g2', 'enterprise', 'column "Office 365 Government G2" carries footnote 2'],
    ['us-gov-e3', 'enterprise', 'column "Office 365 US Government E3" carries footnote 2'],
    ['o365-f1', 'enterprise', 'column "Office 365 Enterprise F1" carries footnote 2'],
    ['us-gov-k1', 'enterprise', 'column "Office 365 US Government K1" carries footnote 2'],
    ['paid-standalone', 'enterprise', '"paid standalone plans ... same level of support ... as ... the Enterprise service family"'],
  ])('%s is in the %s family (%s)', (planId, family) => {
    expect(getPlan(planId)?.listedInSource).toBe(true);
    expect(planFamily(planId)).toBe(family);
  });

  it.each([
    ['business-premium', 'business'],
    ['o365-e5', 'enterprise'],
    ['m365-e3', 'enterprise'],
    ['m365-e5', 'enterprise'],
    ['gov-g3', 'enterprise'],
    ['o365-f3', 'enterprise'],
    ['apps-for-enterprise', 'enterprise'],
  ])('%s, not named in the source, is placed in the %s family by its product family', (planId, family) => {
    expect(getPlan(planId)?.listedInSource).toBe(false);
    expect(planFamily(planId)).toBe(family);
  });

  it('keeps business and education groups in the business family and every other group in the enterprise family', () => {
    for (const plan of listPlans()) {
      const expected = plan.group === 'business' || plan.group === 'education' ? 'business' : 'enterprise';
      expect([plan.id, plan.family]).toEqual([plan.id, expected]);
    }
  });
});

describe('unknown plan', () => {
  it.each([[undefined], ['no-such-plan']])('uses the most conservative (business) family for %s and says so', (planId) => {
    const resolution = resolvePlanFamily(planId);
    expect(resolution).toMatchObject({ family: 'business', assumed: true });
    expect(resolution.note).toMatch(/business-plan/);
    expect(planFamily(planId)).toBe('business');
  });

  it('does not mark a known plan as assumed', () => {
    expect(resolvePlanFamily('o365-e3')).toMatchObject({ family: 'enterprise', assumed: false, plan: { id: 'o365-e3' } });
  });
});

describe('findPlan: what an admin types', () => {
  it.each([
    ['E3', 'o365-e3'],
    ['e3', 'o365-e3'],
    ['office 365 enterprise e3', 'o365-e3'],
    ['We are on O365 E1', 'o365-e1'],
    ['Microsoft 365 E3', 'm365-e3'],
    ['M365 E5', 'm365-e5'],
    ['business premium', 'business-premium'],
    ['M365 BP', 'business-premium'],
    ['Microsoft 365 Business', 'business-premium'],
    ['Office 365 Business Premium', 'business-standard'],
    ['Microsoft 365 Business Standard', 'business-standard'],
    ['Microsoft 365 Business Basic', 'business-basic'],
    ['Office 365 Business Essentials', 'business-basic'],
    ['Office 365 Business', 'apps-for-business'],
    ['Apps for business', 'apps-for-business'],
    ['busines standrd', 'business-standard'],
    ['Bussiness Premuim', 'business-premium'],
    ['Office 365 U.S. Government E3', 'us-gov-e3'],
    ['us gov e3', 'us-gov-e3'],
    ['G2', 'gov-g2'],
    ['Office 365 Enterprise K1', 'o365-f1'],
    ['K1', 'us-gov-k1'],
    ['F3', 'o365-f3'],
    ['Office 365 Education', 'education'],
    ['Exchange Online Plan 2', 'paid-standalone'],
    ['office365 proplus', 'apps-for-enterprise'],
  ])('"%s" is %s', (text, planId) => {
    expect(findPlan(text)?.id).toBe(planId);
  });

  it.each([['business'], ['enterprise'], ['I have no idea'], [''], ['the cheap one']])(
    '"%s" names no single plan',
    (text) => {
      expect(findPlan(text)).toBeUndefined();
    },
  );
});

describe('findPlanInText: a plan named in passing in a description of the problem', () => {
  it.each([
    ['we were charged twice for Business Premium', 'business-premium'],
    ['we are on E3 and nobody can send mail', 'o365-e3'],
    ['our Microsoft 365 E5 licences were not renewed', 'm365-e5'],
    ['the Business Basic invoice looks wrong', 'business-basic'],
  ])('"%s" names %s', (text, planId) => {
    expect(findPlanInText(text)?.id).toBe(planId);
  });

  it.each([
    ['we were charged twice for our Microsoft 365 business subscription'],
    ['our education department cannot sign in'],
    ['we were charged twice'],
    ['the premuim charge is wrong'],
  ])('"%s" names no plan (no ordinary words, no guessing at typos)', (text) => {
    expect(findPlanInText(text)).toBeUndefined();
  });
});

describe('elevated support offers', () => {
  it.each([
    ['We have Premier support', 'premier'],
    ['Pro Direct', 'professional-direct'],
    ['Professional Direct Support', 'professional-direct'],
    ['Microsoft Services for Office 365', 'microsoft-services'],
  ])('"%s" is the %s offer', (text, offerId) => {
    expect(findElevatedOffer(text)?.id).toBe(offerId);
  });

  it('finds no offer in a plan name', () => {
    expect(findElevatedOffer('Office 365 E3')).toBeUndefined();
  });
});
