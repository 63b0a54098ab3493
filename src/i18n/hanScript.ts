// Simplified and Traditional Chinese characters, from hanScripts.json (generated from OpenCC's tables by
// tools/i18n/hanScripts.ts): which script a text is written in, and Traditional text folded onto
// Simplified characters so search compares the two on one alphabet.
import { readFileSync } from 'node:fs';
import { fromProjectRoot } from '../projectRoot.js';

const data = JSON.parse(readFileSync(fromProjectRoot('src/i18n/hanScripts.json'), 'utf8')) as {
  simplifiedOnly: string;
  traditionalOnly: string;
  traditionalToSimplified: string;
};
const SIMPLIFIED_ONLY = new Set(data.simplifiedOnly);
const TRADITIONAL_ONLY = new Set(data.traditionalOnly);
const TO_SIMPLIFIED = new Map<string, string>();
{
  const pairs = [...data.traditionalToSimplified];
  for (let i = 0; i + 1 < pairs.length; i += 2) TO_SIMPLIFIED.set(pairs[i]!, pairs[i + 1]!);
}

/** Counts of script-specific characters: 用户 has Simplified ones, 使用者無法 Traditional ones, 你好 none. */
export function scriptEvidence(text: string): { simplified: number; traditional: number } {
  let simplified = 0;
  let traditional = 0;
  for (const char of text) {
    if (SIMPLIFIED_ONLY.has(char)) simplified++;
    else if (TRADITIONAL_ONLY.has(char)) traditional++;
  }
  return { simplified, traditional };
}

/** The text with every Traditional-only character replaced by its Simplified form (郵件 → 邮件). */
export function foldToSimplified(text: string): string {
  let out = '';
  for (const char of text) out += TO_SIMPLIFIED.get(char) ?? char;
  return out;
}
