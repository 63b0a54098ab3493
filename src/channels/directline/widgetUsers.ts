import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Stable Direct Line user ids for people who come back: a host site's signed-in user and an anonymous
 * visitor's browser. Tickets belong to the user id (the bot files them under `directline:<id>`), so
 * the same id in a new tab or on another device finds the same tickets.
 *
 * - A host identity's id is `dl_` + an HMAC of its `sub`: stable, and the site's own id never reaches the
 *   browser or the bot.
 * - A visitor gets a credential `v1.<random>.<mac>` to keep in localStorage; its id is `dl_` + an HMAC of
 *   the random part. Only this server can make a credential that verifies, so an id cannot be guessed
 *   or claimed, only presented by the browser that holds it.
 *
 * The keys derive from the Direct Line signing key in the database, so every instance agrees. The `dl_`
 * prefix is what Web Chat expects of an id that comes in a token.
 */

export interface WidgetUsers {
  hostUser(sub: string): string;
  newVisitor(): { credential: string; userId: string };
  /** The visitor's user id, or undefined for anything this server did not issue. */
  visitorUser(credential: string): string | undefined;
}

export const MAX_VISITOR_CREDENTIAL_CHARS = 128;
const VISITOR = /^v1\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export function createWidgetUsers(derive: (purpose: string) => string): WidgetUsers {
  const idKey = derive('widget-user-id');
  const credentialKey = derive('visitor-credential');
  const userId = (kind: 'host' | 'visitor', value: string) => `dl_${createHmac('sha256', idKey).update(`${kind}:${value}`).digest('base64url').slice(0, 22)}`;
  const mac = (random: string) => createHmac('sha256', credentialKey).update(`v1:${random}`).digest('base64url');
  return {
    hostUser: (sub) => userId('host', sub),
    newVisitor() {
      const random = randomBytes(16).toString('base64url');
      return { credential: `v1.${random}.${mac(random)}`, userId: userId('visitor', random) };
    },
    visitorUser(credential) {
      const match = VISITOR.exec(credential);
      if (!match) return undefined;
      const expected = Buffer.from(mac(match[1]!));
      const given = Buffer.from(match[2]!);
      return expected.length === given.length && timingSafeEqual(expected, given) ? userId('visitor', match[1]!) : undefined;
    },
  };
}
