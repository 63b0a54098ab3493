import { AsyncLocalStorage } from 'node:async_hooks';
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../logger.js';

/** What edge code below the bot (the connector transport, Teams helpers) may know about the turn it serves. */
export interface TurnScope {
  /** When the adapter started the turn (ms since the epoch); retries must not outlive the channel's patience. */
  startedAt: number;
  log?: Pick<Logger, 'debug' | 'info' | 'warn'>;
}

const scope = new AsyncLocalStorage<TurnScope>();

/**
 * Adapter middleware that opens a turn scope. The HTTP transport sits several layers under the turn
 * (CloudAdapter → ConnectorClient → pipeline) with no TurnContext in reach; async-local storage lets
 * it see the turn's start time without threading it through botbuilder's APIs.
 */
export function turnScopeMiddleware(log?: TurnScope['log'], now: () => number = Date.now) {
  return async (_context: TurnContext, next: () => Promise<void>): Promise<void> => scope.run({ startedAt: now(), log }, next);
}

/** The scope of the turn being processed, or undefined outside a turn (start-up, proactive sends without middleware). */
export function currentTurn(): TurnScope | undefined {
  return scope.getStore();
}
