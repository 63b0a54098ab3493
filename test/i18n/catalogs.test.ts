// Every message exists in every language with the same placeholders, and every message is valid ICU.
import { readFileSync } from 'node:fs';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOG_AREAS, catalogFile, LANGUAGES, translate, translateList, type MessageKey } from '../../src/i18n/index.js';

const read = (language: (typeof LANGUAGES)[number], area: (typeof CATALOG_AREAS)[number]) =>
  JSON.parse(readFileSync(catalogFile(language, area), 'utf8')) as Record<string, string>;

/** Placeholder names with their kind (plain, number, date, plural, select...), nested ones included. */
function placeholders(elements: readonly MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      placeholders(element.children, out);
      continue;
    }
    out.add(`${element.value}:${TYPE[element.type]}`);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) placeholders(option.value, out);
    }
  }
  return out;
}

describe('message catalogs', () => {
  for (const area of CATALOG_AREAS) {
    const english = read('en', area);
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      const translated = read(language, area);
      it(`${language}/${area}.json has exactly the English keys`, () => {
        expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
      });
      it(`${language}/${area}.json uses the same placeholders as English in every message`, () => {
        const mismatches = Object.keys(english)
          .filter((key) => key in translated)
          .filter((key) => [...placeholders(parse(english[key]!))].sort().join() !== [...placeholders(parse(translated[key]!))].sort().join())
          .map((key) => `${key}: en {${[...placeholders(parse(english[key]!))].join(', ')}} vs {${[...placeholders(parse(translated[key]!))].join(', ')}}`);
        expect(mismatches).toEqual([]);
      });
      it(`${language}/${area}.json has no message left empty or left in English`, () => {
        const suspicious = Object.keys(english).filter((key) => {
          const value = translated[key]?.trim() ?? '';
          // Lists of answer words include the English ones on purpose; short technical strings may be equal.
          return value === '' || (value === english[key] && /\s\w+\s\w+\s\w+/.test(value) && !key.endsWith('.synonyms') && !key.includes('.words'));
        });
        expect(suspicious).toEqual([]);
      });
    }
  }

  it('uses each key in one area only', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const area of CATALOG_AREAS) {
      for (const key of Object.keys(read('en', area))) {
        if (seen.has(key)) duplicates.push(`${key} in ${seen.get(key)} and ${area}`);
        seen.set(key, area);
      }
    }
    expect(duplicates).toEqual([]);
  });

  it('parses every message of every language as ICU MessageFormat', () => {
    const broken: string[] = [];
    for (const language of LANGUAGES) {
      for (const area of CATALOG_AREAS) {
        for (const [key, message] of Object.entries(read(language, area))) {
          try {
            parse(message);
          } catch (error) {
            broken.push(`${language} ${key}: ${(error as Error).message}`);
          }
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('formats a message in each language, and lists split on |', () => {
    expect(translate('de', 'language.switched')).toMatch(/Deutsch/);
    expect(translate('zh-Hant', 'language.name.zh-Hant')).toBe('繁體中文');
    expect(translate('en', 'language.name.de')).toBe('German');
    expect(translateList('en', 'language.name.en' as MessageKey)).toEqual(['English']);
  });
});
