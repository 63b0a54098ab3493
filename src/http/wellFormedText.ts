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

/**
 * The same JSON value with every string (and object key) made well-formed, however deep it is nested:
 * the walk keeps its own stack, so no depth is out of its reach and none can exhaust the call stack.
 * For values from JSON.parse (plain objects, arrays, primitives; no cycles).
 */
export function wellFormedJson(value: unknown): unknown {
  let result: unknown;
  // Each entry: a value to clean and where its clean copy goes. Children are pushed in reverse, so they
  // are taken in order: keys keep their order, and of two keys that clean to the same name the last wins.
  const pending: { value: unknown; put: (clean: unknown) => void }[] = [{ value, put: (clean) => (result = clean) }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: v, put } = next;
    if (typeof v === 'string') put(wellFormedText(v));
    else if (v === null || typeof v !== 'object') put(v);
    else if (Array.isArray(v)) {
      const out: unknown[] = new Array<unknown>(v.length);
      put(out);
      for (let i = v.length - 1; i >= 0; i--) pending.push({ value: v[i], put: (clean) => (out[i] = clean) });
    } else {
      const out: Record<string, unknown> = {};
      put(out);
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        const key = wellFormedText(k);
        // defineProperty, not assignment: a "__proto__" key from JSON must stay a plain key, not become the prototype.
        pending.push({ value: child, put: (clean) => Object.defineProperty(out, key, { value: clean, enumerable: true, writable: true, configurable: true }) });
      }
    }
  }
  return result;
}

/** Whether a JSON value nests arrays and objects more than `limit` levels deep (the value itself is level 1). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth > limit) return true;
    for (const child of Object.values(next.value)) if (child !== null && typeof child === 'object') pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}
