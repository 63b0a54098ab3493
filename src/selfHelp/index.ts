export { recordSelfHelpOutcome, type SelfHelpOutcome } from './outcomes.js';
export { selfHelpMetrics } from './outcomes.js';
