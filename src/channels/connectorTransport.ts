import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { currentTurn, type TurnScope } from './turnScope.js';
import { DEFAULT_RETRY_POLICY, nextRetryDelay, parseRetryAfter, type RetryPolicy } from './throttlingRetry.js';

// The HTTP client shape ConnectorClient accepts, taken from botbuilder's own signature so no transitive package is imported.
type ConnectorClientOptions = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]>;
export type ConnectorHttpClient = NonNullable<ConnectorClientOptions['httpClient']>;
type OutgoingRequest = Parameters<ConnectorHttpClient['sendRequest']>[0];
type ConnectorResponse = Awaited<ReturnType<ConnectorHttpClient['sendRequest']>>;
type HeadersLike = ConnectorResponse['headers'];

export interface ConnectorTransportOptions {
  policy?: Partial<RetryPolicy>;
  /** Waits; tests pass one that records the delay and returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  now?: () => number;
}

/**
 * A Bot Connector call failed in a way that might have been processed (5xx, 408). Thrown rather than
 * returned because the Azure pipeline under ConnectorClient retries such responses on its own, which
 * could post a message twice; a plain error stops that retry.
 */
export class ConnectorRequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: string,
    method: string,
    url: string,
  ) {
    super(`Bot Connector ${method} ${new URL(url).pathname} answered ${statusCode}`);
    this.name = 'ConnectorRequestError';
  }
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Statuses the Azure pipeline's default retry policy would send again (see @azure/core-rest-pipeline). */
const pipelineWouldRetry = (status: number) => status === 408 || (status >= 500 && status !== 501 && status !== 505);

/**
 * The HTTP transport for every Bot Connector call (replies, updates, member lookups). It waits and
 * retries only when the service refused the request for throttling (429, or 503 with Retry-After),
 * with exponential backoff and full jitter, honouring Retry-After, within the turn's time budget. Any
 * other outcome is handed back after exactly one attempt.
 */
export function createConnectorTransport(options: ConnectorTransportOptions = {}): ConnectorHttpClient {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const sleep = options.sleep ?? sleepFor;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;

  return {
    async sendRequest(request: OutgoingRequest): Promise<ConnectorResponse> {
      const turn = currentTurn();
      let waitedMs = 0;
      for (let retry = 0; ; retry++) {
        const response = await fetch(request.url, {
          method: request.method,
          headers: request.headers.rawHeaders(),
          body: request.body ?? undefined,
          signal: abortSignalFor(request),
        });
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
        const delay = nextRetryDelay({ retry, status: response.status, retryAfterMs, waitedMs, now: now(), turnStartedAt: turn?.startedAt }, policy, random);
        if (delay === undefined) return finish(request, response, retry, turn?.log);
        turn?.log?.warn({ status: response.status, retryAfterMs, delayMs: delay, retry: retry + 1 }, 'Bot Connector throttled the bot; waiting before sending again');
        await response.arrayBuffer().catch(() => undefined); // frees the connection while we wait
        await sleep(delay);
        waitedMs += delay;
      }
    },
  };
}

/** Hands the final response to ConnectorClient in the shape its compatibility layer reads. */
async function finish(request: OutgoingRequest, response: Response, retries: number, log: TurnScope['log']): Promise<ConnectorResponse> {
  const bodyAsText = await response.text();
  if (pipelineWouldRetry(response.status)) throw new ConnectorRequestError(response.status, bodyAsText, request.method, request.url);
  if (response.status === 429) log?.warn({ retries }, 'Bot Connector throttling outlasted the retry budget; the request was not sent');
  const headers = new Map<string, { name: string; value: string }>();
  response.headers.forEach((value, name) => {
    // A 429 we gave up on must not carry Retry-After: the pipeline under us would honour it and retry again.
    if (response.status === 429 && /retry-after/i.test(name)) return;
    headers.set(name.toLowerCase(), { name, value });
  });
  return { request, status: response.status, headers: headersLike(headers), bodyAsText } as ConnectorResponse;
}

function abortSignalFor(request: OutgoingRequest): AbortSignal | undefined {
  const signals: AbortSignal[] = [];
  if (request.abortSignal instanceof AbortSignal) signals.push(request.abortSignal);
  if (request.timeout > 0) signals.push(AbortSignal.timeout(request.timeout));
  return signals.length ? AbortSignal.any(signals) : undefined;
}

/** The core-http header collection ConnectorClient's compatibility layer reads responses through. */
function headersLike(map: Map<string, { name: string; value: string }>): HeadersLike {
  const raw = (preserveCase = false) => Object.fromEntries([...map.values()].map((h) => [preserveCase ? h.name : h.name.toLowerCase(), h.value]));
  const headers: HeadersLike = {
    set: (name, value) => void map.set(name.toLowerCase(), { name, value: String(value) }),
    get: (name) => map.get(name.toLowerCase())?.value,
    contains: (name) => map.has(name.toLowerCase()),
    remove: (name) => map.delete(name.toLowerCase()),
    rawHeaders: () => raw(),
    headersArray: () => [...map.values()].map((h) => ({ ...h })),
    headerNames: () => [...map.values()].map((h) => h.name),
    headerValues: () => [...map.values()].map((h) => h.value),
    clone: () => headersLike(new Map(map)),
    toJson: (options) => raw(options?.preserveCase),
  };
  return headers;
}

/**
 * The ConnectorClient options that install the transport. Behind an HTTP proxy (HTTPS_PROXY and
 * friends, which the Azure SDK's own client honours and fetch does not) the SDK's client is kept, and
 * with it the SDK's retry policy: reaching Teams matters more than the stricter retry rules.
 */
export function connectorClientOptions(env: NodeJS.ProcessEnv, log: { warn: (msg: string) => void }, options: ConnectorTransportOptions = {}): ConnectorClientOptions {
  const proxy = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'].some((name) => env[name]);
  if (proxy) {
    log.warn('An HTTP proxy is configured: Bot Connector calls use the Azure SDK client and its retry policy instead of the throttling-aware transport.');
    return {};
  }
  return { httpClient: createConnectorTransport(options) };
}
