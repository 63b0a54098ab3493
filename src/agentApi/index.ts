import type { Server } from 'restify';
import type { CannedReplyStore } from '../cannedReplies/index.js';
import type { AppServices } from '../conversationServices.js';
import type { HandoffWiring } from '../handoff/index.js';
import { mountAgentConsole } from './consoleAssets.js';
import type { AgentRateLimit } from './rateLimit.js';
import { mountAgentApi, type AgentApi, type AgentApiDeps } from './routes.js';

export { mountAgentApi, type AgentApi, type AgentApiDeps } from './routes.js';
export { agentRateLimit, type AgentRateLimit } from './rateLimit.js';

/** The agent side of the server: the API under /api/ and the console at /agent. */
export function mountAgentSide(server: Server, services: AppServices, wiring: HandoffWiring, options: { rateLimit?: AgentRateLimit; cannedReplies: CannedReplyStore; ownership?: AgentApiDeps['ownership']; webhooks?: AgentApiDeps['webhooks']; notifications?: AgentApiDeps['notifications']; insights?: AgentApiDeps['insights'] }): AgentApi {
  if (!services.handoff) throw new Error('the agent API needs the handoff service (createConversationServices with handoff wiring)');
  mountAgentConsole(server);
  return mountAgentApi(server, {
    agents: services.agents,
    tickets: services.tickets,
    incidents: services.incidents,
    handoff: services.handoff,
    transcripts: services.transcripts,
    events: wiring.events,
    log: wiring.log,
    rateLimit: options.rateLimit,
    cannedReplies: options.cannedReplies,
    attachments: services.attachments,
    relay: wiring.relay,
    ownership: options.ownership,
    webhooks: options.webhooks,
    notifications: options.notifications,
    insights: options.insights,
  });
}
