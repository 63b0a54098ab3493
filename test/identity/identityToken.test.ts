import { describe, expect, it } from 'vitest';
import { MAX_IDENTITY_LIFETIME_SECONDS, verifyIdentityToken } from '../../src/channels/directline/identityToken.js';
import { createWidgetUsers } from '../../src/channels/directline/widgetUsers.js';
import { HOST_SECRET, signIdentity } from './identitySigning.js';

const settings = { secret: HOST_SECRET };
const now = () => Math.floor(Date.now() / 1000);

/** A token's middle part replaced: same header and signature, other claims. */
function withPayload(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
  change(claims);
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

describe('a host identity token', () => {
  it('is accepted with its sub, jti, and the name and email it carries', async () => {
    const verdict = await verifyIdentityToken(await signIdentity({ sub: 'u-1', name: 'Kim Akers', email: 'kim@contoso.example' }), settings);
    expect(verdict).toMatchObject({ ok: true, identity: { sub: 'u-1', name: 'Kim Akers', email: 'kim@contoso.example' } });
  });

  it('keeps no name or email that fails the contact checks', async () => {
    const verdict = await verifyIdentityToken(await signIdentity({ name: '<script>', email: 'not-an-address' }), settings);
    expect(verdict.ok && verdict.identity).toEqual(expect.not.objectContaining({ email: expect.anything() }));
  });

  it.each([
    ['signed with another secret', () => signIdentity({}, { secret: 'another-secret-0123456789-abcdefghijklmn' }), /signature/],
    ['signed with HS512 while HS256 is pinned', () => signIdentity({}, { alg: 'HS512' }), /algorithm/],
    ['expired', () => signIdentity({}, { iat: now() - 600, lifetimeSeconds: 300 }), /expired/],
    ['not yet valid (nbf ahead)', () => signIdentity({}, { extra: { nbf: now() + 300 } }), /nbf/],
    ['issued in the future', () => signIdentity({}, { iat: now() + 300 }), /iat/],
    ['living longer than allowed', () => signIdentity({}, { lifetimeSeconds: MAX_IDENTITY_LIFETIME_SECONDS + 60 }), /lifetime/],
    ['without sub', () => signIdentity({}, { omit: ['sub'] }), /sub/],
    ['without jti', () => signIdentity({}, { omit: ['jti'] }), /jti/],
    ['without exp', () => signIdentity({}, { omit: ['exp'] }), /exp/],
    ['with an empty sub', () => signIdentity({ sub: '' }), /sub/],
  ])('is refused when %s', async (_case, make, reason) => {
    const verdict = await verifyIdentityToken(await make(), settings);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(reason);
  });

  it('is refused with alg "none" (unsigned)', async () => {
    const good = await signIdentity();
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const unsigned = `${header}.${good.split('.')[1]}.`;
    expect((await verifyIdentityToken(unsigned, settings)).ok).toBe(false);
  });

  it('is refused when its payload was changed after signing', async () => {
    const tampered = withPayload(await signIdentity({ sub: 'u-1' }), (claims) => (claims.sub = 'u-2'));
    expect(await verifyIdentityToken(tampered, settings)).toMatchObject({ ok: false, reason: expect.stringMatching(/signature/) });
  });

  it('must name the configured issuer and audience when they are set', async () => {
    const strict = { ...settings, issuer: 'https://www.contoso.example', audience: 'support-assistant' };
    expect((await verifyIdentityToken(await signIdentity(), strict)).ok).toBe(false);
    const right = await signIdentity({}, { extra: { iss: 'https://www.contoso.example', aud: 'support-assistant' } });
    expect((await verifyIdentityToken(right, strict)).ok).toBe(true);
  });
});

describe('widget user ids', () => {
  const users = createWidgetUsers((purpose) => `key-for-${purpose}`);

  it('are the same for the same host sub, different for another, and never contain it', () => {
    expect(users.hostUser('kim@contoso')).toBe(users.hostUser('kim@contoso'));
    expect(users.hostUser('kim@contoso')).not.toBe(users.hostUser('lee@contoso'));
    expect(users.hostUser('kim@contoso')).toMatch(/^dl_[\w-]{22}$/);
    expect(users.hostUser('kim@contoso')).not.toContain('kim');
  });

  it('follow a visitor credential, which only this key makes', () => {
    const visitor = users.newVisitor();
    expect(users.visitorUser(visitor.credential)).toBe(visitor.userId);
    const other = createWidgetUsers((purpose) => `other-key-${purpose}`);
    expect(other.visitorUser(visitor.credential)).toBeUndefined();
  });

  it.each([
    ['a changed random part', (c: string) => c.replace(/^v1\.(.)/, (_, ch) => `v1.${ch === 'A' ? 'B' : 'A'}`)],
    ['a changed signature', (c: string) => c.slice(0, -1) + (c.endsWith('A') ? 'B' : 'A')],
    ['no signature', (c: string) => c.split('.').slice(0, 2).join('.')],
    ['another version', (c: string) => c.replace(/^v1/, 'v2')],
  ])('refuse a visitor credential with %s', (_case, tamper) => {
    expect(users.visitorUser(tamper(users.newVisitor().credential))).toBeUndefined();
  });
});
