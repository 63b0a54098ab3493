/**
 * Reads a file a channel hands over by URL (Teams: a personal chat's file `downloadUrl`, an inline
 * image's `contentUrl`). The URL comes from an activity, so it is fetched with care: only https (plain
 * http only to this machine, in local mode and tests), no more than the size limit (refused from the
 * Content-Length before reading, and cut off while reading), a time limit, and every redirect checked
 * by the same rules (never followed blindly).
 */

export interface FetchPolicy {
  maxBytes: number;
  timeoutMs: number;
  /** Whether plain http to a loopback host is allowed (local mode, tests). */
  allowLoopback: boolean;
  /** Extra request headers (the bot's token for an inline Teams image). */
  headers?: Record<string, string>;
}

export type Fetched = { ok: true; bytes: Buffer } | { ok: false; reason: 'tooBig' | 'unreadable' };

const MAX_REDIRECTS = 3;
const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

export function mayFetch(url: URL, allowLoopback: boolean): boolean {
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return allowLoopback || !LOOPBACK_HOST.test(url.hostname);
  return url.protocol === 'http:' && allowLoopback && LOOPBACK_HOST.test(url.hostname);
}

export async function fetchRemoteFile(rawUrl: string, policy: FetchPolicy): Promise<Fetched> {
  if (!URL.canParse(rawUrl)) return { ok: false, reason: 'unreadable' };
  let url = new URL(rawUrl);
  const signal = AbortSignal.timeout(policy.timeoutMs);
  try {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (!mayFetch(url, policy.allowLoopback)) return { ok: false, reason: 'unreadable' };
      // Credentials go only to the host they were given for.
      const headers = hop === 0 ? policy.headers : undefined;
      const response = await fetch(url, { redirect: 'manual', signal, headers });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        url = new URL(location, url);
        continue;
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        return { ok: false, reason: 'unreadable' };
      }
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > policy.maxBytes) {
        await response.body.cancel();
        return { ok: false, reason: 'tooBig' };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > policy.maxBytes) {
          await response.body.cancel().catch(() => undefined);
          return { ok: false, reason: 'tooBig' };
        }
        chunks.push(Buffer.from(chunk));
      }
      return { ok: true, bytes: Buffer.concat(chunks) };
    }
    return { ok: false, reason: 'unreadable' };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

/** Uploads bytes to a URL Teams gave for it (file consent: uploadInfo.uploadUrl), in one PUT with Content-Range. */
export async function putRemoteFile(rawUrl: string, bytes: Uint8Array, policy: Pick<FetchPolicy, 'timeoutMs' | 'allowLoopback'>): Promise<boolean> {
  if (!URL.canParse(rawUrl) || !mayFetch(new URL(rawUrl), policy.allowLoopback)) return false;
  try {
    const response = await fetch(rawUrl, {
      method: 'PUT',
      redirect: 'error',
      signal: AbortSignal.timeout(policy.timeoutMs),
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
      body: new Uint8Array(bytes),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
