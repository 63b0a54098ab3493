import type { Config } from '../config.js';
import { isLoopbackAddress, isLoopbackHost } from '../http/index.js';

/**
 * Who may hand the bot an activity that no channel token vouches for (local mode: no MicrosoftAppId),
 * and where replies to such an activity may go. Without this, anyone who can reach the server could
 * speak as any user (a widget user's `dl_` id shows their tickets) and make the server POST wherever
 * an activity's serviceUrl points (server-side request forgery).
 */

/** User ids the embedded web chat issues; only its tokens, not a request body, can claim one. */
export const SERVER_ISSUED_USER_ID = /^dl_/;

/** True when `host` matches one of the patterns: a host name, or `*.example.com` for its subdomains. */
export function hostMatches(host: string, patterns: readonly string[]): boolean {
  const name = host.toLowerCase();
  return patterns.some((raw) => {
    const pattern = raw.trim().toLowerCase();
    return pattern.startsWith('*.') ? name.endsWith(pattern.slice(1)) : name === pattern;
  });
}

export interface Refusal {
  status: 403;
  message: string;
}

export interface CallerPolicy {
  /**
   * Undefined when the request may go on; otherwise why not. `authenticated` is whether a channel token
   * was checked (MicrosoftAppId set): such a token also vouches for its serviceUrl.
   */
  check(request: { remoteAddress?: string; fromId?: string; serviceUrl?: string }): Refusal | undefined;
}

export function callerPolicy(config: Pick<Config, 'localMode' | 'LOCAL_MODE_ALLOW_REMOTE' | 'SERVICE_URL_ALLOWED_HOSTS'>): CallerPolicy {
  const pinned = config.SERVICE_URL_ALLOWED_HOSTS;
  return {
    check({ remoteAddress, fromId, serviceUrl }) {
      if (config.localMode) {
        if (!config.LOCAL_MODE_ALLOW_REMOTE && !isLoopbackAddress(remoteAddress)) {
          return {
            status: 403,
            message: 'This server runs without MicrosoftAppId, so /api/messages answers only callers on this machine. Set MicrosoftAppId (and MicrosoftAppPassword), or LOCAL_MODE_ALLOW_REMOTE=true on a private network.',
          };
        }
        if (fromId && SERVER_ISSUED_USER_ID.test(fromId)) {
          return { status: 403, message: 'User ids starting with "dl_" belong to the web chat and cannot be claimed here.' };
        }
      }
      if (serviceUrl && URL.canParse(serviceUrl)) {
        const host = new URL(serviceUrl).hostname;
        // In local mode only the machine itself (the Emulator) and hosts named in the setting; with an
        // app id the channel token vouches for the serviceUrl, and the setting, when given, narrows it.
        const allowed = config.localMode ? isLoopbackHost(host) || hostMatches(host, pinned) : pinned.length === 0 || hostMatches(host, pinned);
        if (!allowed) {
          return { status: 403, message: 'The activity\'s serviceUrl is not a channel this server replies to (see SERVICE_URL_ALLOWED_HOSTS).' };
        }
      }
      return undefined;
    },
  };
}
