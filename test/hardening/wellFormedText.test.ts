import { describe, expect, it } from 'vitest';
import { wellFormedJson, wellFormedText } from '../../src/http/wellFormedText.js';

describe('text as PostgreSQL can store it', () => {
  it.each([
    ['drops NUL characters', 'a\u0000b\u0000', 'ab'],
    ['replaces a lone high surrogate', 'x\ud83d y', 'x\ufffd y'],
    ['replaces a lone low surrogate', '\ude00x', '\ufffdx'],
    ['keeps a whole emoji', 'ok 😀', 'ok 😀'],
    ['keeps ordinary text', 'Sam Jones, +61 2 9999 0000', 'Sam Jones, +61 2 9999 0000'],
  ])('%s', (_case, input, expected) => {
    expect(wellFormedText(input)).toBe(expected);
  });

  it('cleans every string and key of a request body, however deep', () => {
    expect(wellFormedJson({ text: 'a\u0000', value: { list: ['\ud800', 1, null], 'k\u0000': true } })).toEqual({ text: 'a', value: { list: ['\ufffd', 1, null], k: true } });
  });

  it('keeps a "__proto__" key from JSON a plain key instead of a prototype', () => {
    const cleaned = wellFormedJson(JSON.parse('{"__proto__": {"isAdmin": true}, "type": "message"}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect((cleaned as { isAdmin?: boolean }).isAdmin).toBeUndefined();
    expect(Object.keys(cleaned)).toEqual(['__proto__', 'type']);
  });
});
