import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearerToken, createTokenSigner, newUserId, TOKEN_LIFETIME_SECONDS } from '../../src/channels/directline/tokens.js';

const signer = createTokenSigner('key-one');
const at = new Date('2026-03-02T10:00:00Z');
const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);

describe('Direct Line tokens', () => {
  it('carry the conversation and the server-assigned user, and verify until they expire', async () => {
    const { token, expiresIn } = await signer.issue('conv-1', 'dl_user', 'conversation', at);
    expect(expiresIn).toBe(TOKEN_LIFETIME_SECONDS);
    expect(await signer.verify(token, 'conversation', later(TOKEN_LIFETIME_SECONDS - 1))).toMatchObject({ conv: 'conv-1', user: 'dl_user' });
    expect(await signer.verify(token, 'conversation', later(TOKEN_LIFETIME_SECONDS))).toBeUndefined();
  });

  it('keep the format of the hand-signed tokens before jose, so instances of either version accept each other\'s', async () => {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss: 'support-assistant/directline', conv: 'conv-1', user: 'dl_user', scope: 'conversation', iat: 1, exp: 4e9 })}`;
    const handSigned = `${body}.${createHmac('sha256', 'key-one').update(body).digest('base64url')}`;
    expect(await signer.verify(handSigned)).toEqual({ conv: 'conv-1', user: 'dl_user', scope: 'conversation', iat: 1, exp: 4e9 });
    const [header, payload, signature] = (await signer.issue('conv-1', 'dl_user')).token.split('.');
    expect(header).toBe(b64({ alg: 'HS256', typ: 'JWT' }));
    expect(signature).toBe(createHmac('sha256', 'key-one').update(`${header}.${payload}`).digest('base64url'));
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({ iss: 'support-assistant/directline', conv: 'conv-1', user: 'dl_user' });
  });

  it.each([
    ['signed with another key', async () => (await createTokenSigner('key-two').issue('conv-1', 'dl_user')).token],
    ['of the other scope', async () => (await signer.issue('conv-1', 'dl_user', 'stream')).token],
    ['cut short', async () => (await signer.issue('conv-1', 'dl_user')).token.split('.').slice(0, 2).join('.')],
    ['with a signature of the wrong length', async () => `${(await signer.issue('conv-1', 'dl_user')).token}AA`],
    ['not a token at all', async () => 'hello'],
    // Other spellings of the same bytes: base64 padding, and a last character whose unused bits differ.
    ['with a padded signature', async () => `${(await signer.issue('conv-1', 'dl_user')).token}=`],
    ['with a padded payload', async () => (await signer.issue('conv-1', 'dl_user')).token.split('.').map((part, i) => (i === 1 ? `${part}=` : part)).join('.')],
    ['with a signature whose last character carries other unused bits', async () => {
      const token = (await signer.issue('conv-1', 'dl_user')).token;
      const last = token.at(-1)!;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      // A 32-byte signature is 43 characters: the last one carries 4 bits of data and 2 unused bits.
      const sibling = alphabet[alphabet.indexOf(last) ^ 1]!;
      return `${token.slice(0, -1)}${sibling}`;
    }],
  ])('are refused when %s', async (_name, token) => {
    expect(await signer.verify(await token())).toBeUndefined();
  });

  it('derive per-purpose secrets that differ by key and by purpose', () => {
    expect(signer.derive('a')).toBe(createTokenSigner('key-one').derive('a'));
    expect(signer.derive('a')).not.toBe(signer.derive('b'));
    expect(signer.derive('a')).not.toBe(createTokenSigner('key-two').derive('a'));
  });

  it.each([
    ['Bearer abc.def', 'abc.def'],
    ['bearer abc', 'abc'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    [undefined, undefined],
  ])('reads the bearer token from %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it('gives users ids with the dl_ prefix Web Chat reserves for server-assigned ids', () => {
    expect(newUserId()).toMatch(/^dl_[\w-]{16}$/);
  });
});
