export { type Agent, type AgentListing, type AgentRole, agentRoles, type AgentStore, createAgentStore } from './agentStore.js';
