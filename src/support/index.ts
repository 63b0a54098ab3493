// Public API of the support rules: plain data and pure functions, no Bot Framework types.
export { CLOUDS, cloudName, isCloud, type Cloud } from './cloudIds.js';
export { cloudProfile, detectCloud, parseCloudsData, type CloudProfile } from './clouds.js';
export { countryName, countryNameInSentence, countryOfTimeZone, defaultTimeZone, findCountry, hasSeveralTimeZones, isEeaCountry, normalizeCountry } from './countries.js';
export {
  findElevatedOffer,
  findPlan,
  getPlan,
  listPlans,
  parsePlansData,
  planFamily,
  resolvePlanFamily,
  unknownPlanExplanation,
  PLAN_FAMILIES,
  type ElevatedOffer,
  type Plan,
  type PlanFamily,
  type PlanFamilyResolution,
} from './plans.js';
export {
  allowedSeverities,
  clampSeverity,
  parseSeveritiesData,
  severityDefinition,
  severityDefinitions,
  severityName,
  triageSeverity,
  REQUEST_CATEGORIES,
  SEVERITIES,
  type ClampResult,
  type ImpactAnswers,
  type RequestCategory,
  type Severity,
  type SeverityContext,
  type SeverityDefinition,
  type TriageResult,
} from './severity.js';
export {
  parseResponseTimesData,
  responseDueAt,
  responseTimeObjective,
  type Availability,
  type InitialResponse,
  type ObjectiveFamily,
  type ResponseTimeObjective,
  type ResponseTimeQuery,
} from './responseTimes.js';
export {
  addOpenTime,
  describeSchedule,
  isSupportOpen,
  listSupportHoursRules,
  parseSupportHoursData,
  supportHoursFor,
  supportHoursRule,
  SUPPORT_KINDS,
  type OpenStatus,
  type SupportHours,
  type SupportHoursQuery,
  type SupportHoursRule,
  type SupportKind,
} from './supportHours.js';
export {
  parsePhonesData,
  phoneAnswer,
  phoneDirectory,
  phoneFallbackText,
  phoneNumberFor,
  pinVerificationApplies,
  pinVerificationExplanation,
  type PhoneAlternative,
  type PhoneNumberEntry,
} from './phoneDirectory.js';
