/**
 * Text as PostgreSQL can store it. Its text and jsonb types refuse the NUL character and unpaired
 * UTF-16 surrogates (half an emoji), which any client can send; left in, one such character fails the
 * turn's state write, a transcript row or an agent's message. NUL is dropped, a lone surrogate becomes
 * U+FFFD, the replacement character.
 */

const NUL = /\u0000/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function wellFormedText(text: string): string {
  return text.replace(NUL, '').replace(LONE_SURROGATE, '\ufffd');
}

/** The same value with every string (and object key) made well-formed. Deeper than `maxDepth`, left as is. */
export function wellFormedJson(value: unknown, maxDepth = 64): unknown {
  if (typeof value === 'string') return wellFormedText(value);
  if (maxDepth <= 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => wellFormedJson(v, maxDepth - 1));
  const out: Record<string, unknown> = {};
  // defineProperty, not assignment: a "__proto__" key from JSON must stay a plain key, not become the prototype.
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, wellFormedText(k), { value: wellFormedJson(v, maxDepth - 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
