import { describe, expect, it } from 'vitest';
import { bearerToken, createTokenSigner, newUserId, TOKEN_LIFETIME_SECONDS } from '../../src/channels/directline/tokens.js';

const signer = createTokenSigner('key-one');
const at = new Date('2026-03-02T10:00:00Z');
const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);

describe('Direct Line tokens', () => {
  it('carry the conversation and the server-assigned user, and verify until they expire', () => {
    const { token, expiresIn } = signer.issue('conv-1', 'dl_user', 'conversation', at);
    expect(expiresIn).toBe(TOKEN_LIFETIME_SECONDS);
    expect(signer.verify(token, 'conversation', later(TOKEN_LIFETIME_SECONDS - 1))).toMatchObject({ conv: 'conv-1', user: 'dl_user' });
    expect(signer.verify(token, 'conversation', later(TOKEN_LIFETIME_SECONDS))).toBeUndefined();
  });

  it.each([
    ['signed with another key', () => createTokenSigner('key-two').issue('conv-1', 'dl_user').token],
    ['of the other scope', () => signer.issue('conv-1', 'dl_user', 'stream').token],
    ['cut short', () => signer.issue('conv-1', 'dl_user').token.split('.').slice(0, 2).join('.')],
    ['with a signature of the wrong length', () => `${signer.issue('conv-1', 'dl_user').token}AA`],
    ['not a token at all', () => 'hello'],
  ])('are refused when %s', (_name, token) => {
    expect(signer.verify(token())).toBeUndefined();
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
