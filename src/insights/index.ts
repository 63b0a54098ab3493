export { caseOutcomes, gapReasons, mayBecome, type CaseOutcome, type GapReason } from './outcomes.js';
export {
  createInsightsRecorder,
  type CaseStart,
  type InsightsRecorder,
  type InsightsRecorderOptions,
  type SatisfactionAnswer,
  type SatisfactionKey,
} from './recorder.js';
export { type GapRecord } from './gaps.js';
export { markAbandoned, startAbandonJob, type AbandonJob } from './abandonJob.js';
export { insightsConsumer } from './ticketReadModel.js';
export { ensureReportZone, rebuildCaseDays, reportDay } from './reportDay.js';
export {
  breakdownDimensions,
  bucketsOf,
  createInsightsReader,
  defaultRange,
  outcomeRates,
  type BreakdownDimension,
  type InsightsRange,
  type InsightsReader,
} from './reader.js';
export { scrubSample } from './scrub.js';
export { toCsv } from './csv.js';
