export { type Agent, type AgentListing, type AgentStore, createAgentStore } from './agentStore.js';
