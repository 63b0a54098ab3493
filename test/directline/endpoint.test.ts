import { describe } from 'vitest';
import { badRequestScenarios } from './scenarios/badRequests.js';
import { chatCliScenarios } from './scenarios/chatCli.js';
import { connectorScenarios } from './scenarios/connector.js';
import { conversationScenarios } from './scenarios/conversation.js';
import { corsScenarios } from './scenarios/cors.js';
import { streamScenarios } from './scenarios/stream.js';
import { tokenIsolationScenarios } from './scenarios/tokenIsolation.js';
import { useSharedApp } from './sharedApp.js';

/**
 * The embedded Direct Line 3.0 endpoint over real HTTP and WebSockets, against the real bot, on one
 * server for the whole file. Each scenario file reads on its own; they share the server only.
 */
const shared = useSharedApp();

describe('conversations: start, post, poll, reconnect, refresh', () => conversationScenarios(shared));
describe('streaming over WebSocket', () => streamScenarios(shared));
describe('the connector endpoints the bot replies to', () => connectorScenarios(shared));
describe('token isolation', () => tokenIsolationScenarios(shared));
describe('bad requests', () => badRequestScenarios(shared));
describe('CORS', () => corsScenarios(shared));
describe('the terminal client', () => chatCliScenarios(shared));
