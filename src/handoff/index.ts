// Public API of the human handoff: the HandoffPort for the bot, agent-side actions, transcript and events.
export { inProcessBus, type EventBus, type HandoffEvent, type HandoffListener } from './eventBus.js';
export {
  agentSettableStatuses,
  createHandoffService,
  type AgentActionResult,
  type AdminMessage,
  type AdminTurn,
  type AgentSettableStatus,
  type HandoffDeps,
  type HandoffPort,
  type HandoffWiring,
  type HandoffService,
} from './handoffService.js';
export { createHandoffStore, type ChatMessage, type EndReason, type Handoff, type HandoffStatus, type HandoffStore, type Sender } from './handoffStore.js';
export { pgEventBus } from './pgEventBus.js';
export type { AdminRelay, ConversationRef, RelayedMessage } from './relay.js';
export {
  AGENT_MARK,
  createTranscriptStore,
  transcriptRetention,
  databaseTranscriptLogger,
  displayText,
  type ActivityLike,
  type DatabaseTranscriptLogger,
  type StoredTranscript,
  type TranscriptLine,
  type TranscriptRole,
  type TranscriptStore,
} from './transcripts.js';
export { handoffMetrics } from './handoffMetrics.js';
export {
  createAvailability,
  describeAvailability,
  waitToReachAgent,
  type AgentsState,
  type Availability,
  type AvailabilityQuery,
  type AvailabilityService,
  type LineHours,
} from './availability.js';
