/**
 * Seeded randomness for the fuzz tests: the same seed produces the same requests, so a failure is
 * reproduced by running again with FUZZ_SEED set to the seed the run printed.
 */

export interface Random {
  seed: number;
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  string(maxLength?: number): string;
  json(depth?: number): unknown;
}

/** mulberry32: small, fast and good enough to spread inputs. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

  /** Text that tends to break things: control characters, NUL, odd Unicode, markup, SQL, huge runs. */
  const pieces = [
    'hello', 'yes', 'no', 'submit', 'status of SR-1000001', 'reopen SR-1000001', 'add info to SR-1000001: x', 'talk to a person', 'cancel', 'start over', 'help',
    'my requests', '\u0000', '\u0000\u0000', '\ud800', '\uffff', '\u202e', '😀', 'Ω≈ç√', '\r\n', '\t', '<script>alert(1)</script>', '{{7*7}}', '${process.env}',
    "'; DROP TABLE tickets; --", '" OR 1=1 --', '../../etc/passwd', '%00', '%s%s%n', '__proto__', 'constructor', '\\', '"', "'", '`', ' ', '',
    'sam@contoso.com', '+1 425 555 0100', 'SR-0', 'SR-99999999999999999999', 'sr 1000001', '-1', '1e309', 'NaN', 'null', 'true', '[]', '{}',
  ];
  const string = (maxLength = 200): string => {
    const mode = next();
    if (mode < 0.05) return pick(['x', 'é', '\u0000', '😀', ' ']).repeat(int(1000, 60_000));
    let s = '';
    while (s.length < maxLength && next() < 0.75) s += next() < 0.6 ? pick(pieces) : String.fromCharCode(int(0, 0xffff));
    return s.slice(0, maxLength);
  };

  const json = (depth = 3): unknown => {
    const kind = next();
    if (depth <= 0 || kind < 0.15) return pick([null, true, false, 0, -1, 1.5, 2 ** 53 + 1, -(2 ** 31), 1e308]);
    if (kind < 0.5) return string();
    if (kind < 0.7) return Array.from({ length: int(0, 4) }, () => json(depth - 1));
    const o: Record<string, unknown> = {};
    for (let i = int(0, 5); i > 0; i--) o[pick(['type', 'text', 'id', 'value', 'from', 'conversation', 'channelId', '__proto__', 'constructor', string(12)])] = json(depth - 1);
    return o;
  };

  return { seed, next, int, chance: (p) => next() < p, pick, string, json };
}

/** FUZZ_SEED from the environment, or a fresh one; printed so a failing run can be repeated. */
export function fuzzSeed(name: string): number {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
  console.log(`${name}: FUZZ_SEED=${seed}`);
  return seed;
}
