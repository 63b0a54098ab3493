// Public API of the ticket service: plain TypeScript on the project's database, no Bot Framework types.
export { createTicketService, type CreateResult, type RequesterTickets, type TicketService, type TicketServiceDeps } from './ticketService.js';
export {
  AVERAGE_HANDLING_MINUTES,
  estimateWait,
  expectedWait,
  minutesInQueue,
  PICKUP_MINUTES,
  waitingTicketCount,
  type EstimateInput,
  type ExpectedWait,
  type ExpectedWaitOptions,
} from './expectedWait.js';
export { ticketConfirmation, type ConfirmationFact, type TicketConfirmation, type TicketConfirmationInput } from './ticketConfirmation.js';
export { isOpen, reopenDeadline, REOPEN_WINDOW_DAYS, statusLabel } from './statusRules.js';
export { isTicketError, TicketError, type LocalizedMessage, type TicketErrorCode } from './ticketError.js';
export { newTicketSchema, type NewTicketInput } from './ticketInput.js';
export { findTicketNumber, formatTicketNumber, parseTicketNumber, TICKET_NUMBER_PREFIX } from './ticketNumber.js';
export {
  callOutcomes,
  contactMethods,
  ticketStatuses,
  type Actor,
  type AgentActor,
  type ArticleTried,
  type CallOutcome,
  type Cloud,
  type ContactMethod,
  type PlanFamily,
  type Requester,
  type RequesterActor,
  type ResponseDue,
  type ResponseDueInput,
  type Severity,
  type Ticket,
  type TicketCategory,
  type TicketEvent,
  type TicketStatus,
} from './ticketTypes.js';
export { formatMinutes, formatTime } from './dateText.js';
export { DESCRIPTION_MAX_CHARS } from './ticketInput.js';
export { ticketMetrics } from './ticketMetrics.js';
export { requestCallback } from './callbackRequest.js';
export { createTicketAccess, type LinkHow, type TicketAccess, type TicketHolder } from './ticketAccess.js';
export { RESPONSE_WARNING_SHARE, responseObjectiveStatus, type ResponseObjectiveState, type ResponseObjectiveStatus } from './responseObjective.js';
export { decodeCursor, type StatusFilter, type TicketSearch, type TicketSearchPage } from './ticketSearch.js';
export { eventActor, recordTicketChange, ticketSnapshot, type EventActor, type TicketChange, type TicketSnapshot } from './ticketOutbox.js';
