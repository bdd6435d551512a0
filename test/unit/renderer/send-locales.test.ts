import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DELIVERY_TEXT, OUTCOME_ADVICE, OUTCOME_TITLE, PHONE_PROBLEM_TEXT, REFUSAL_TEXT } from '../../../renderer/src/send/messages.ts';
import { checkPhone } from '../../../shared/phone.ts';

const LOCALES = path.resolve(import.meta.dirname, '../../../renderer/src/locales');
const LANGUAGES = ['ru', 'en'] as const;
/** Every namespace there is a file for (common, send, history, settings). */
const NAMESPACES = readdirSync(path.join(LOCALES, 'ru')).map((file) => path.basename(file, '.json'));
const PLURAL = /_(zero|one|two|few|many|other)$/;
/** The forms i18next asks for with `count` (Intl.PluralRules): Russian has four, English two. */
const PLURAL_FORMS: Record<(typeof LANGUAGES)[number], string[]> = { ru: ['one', 'few', 'many', 'other'], en: ['one', 'other'] };

type Tree = Record<string, unknown>;

function load(language: string, namespace: string): Tree {
  return JSON.parse(readFileSync(path.join(LOCALES, language, `${namespace}.json`), 'utf8')) as Tree;
}

/** Every leaf as `dotted.key → text`. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(tree)) {
    const key = `${prefix}${name}`;
    if (typeof value === 'object' && value !== null) for (const [inner, text] of leaves(value as Tree, `${key}.`)) out.set(inner, text);
    else out.set(key, String(value));
  }
  return out;
}

/** Every leaf key, with plural forms folded into their base key. */
const baseKeys = (tree: Tree) => new Set([...leaves(tree).keys()].map((key) => key.replace(PLURAL, '')));

/** Base keys that have plural forms, each with the forms it has. */
function pluralForms(tree: Tree): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of leaves(tree).keys()) {
    const match = PLURAL.exec(key);
    if (!match) continue;
    const base = key.slice(0, match.index);
    out.set(base, [...(out.get(base) ?? []), match[1] ?? '']);
  }
  return out;
}

/** The `{{names}}` a text fills in (and the tags it wraps, `<kbd>`), whatever the language. */
const placeholders = (text: string) => [...new Set(text.match(/\{\{\s*\w+\s*\}\}|<\/?\w+>/g) ?? [])].map((name) => name.replace(/\s/g, '')).sort();

function leaf(tree: Tree, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], tree);
}

it('every namespace is there in both languages', () => {
  expect([...NAMESPACES].sort()).toEqual(['common', 'history', 'loop', 'send', 'settings']);
  expect(readdirSync(path.join(LOCALES, 'en')).sort()).toEqual([...NAMESPACES].sort().map((namespace) => `${namespace}.json`));
});

describe.each(NAMESPACES)('the %s namespace', (namespace) => {
  const ru = load('ru', namespace);
  const en = load('en', namespace);

  it('has the same keys in Russian and English', () => {
    expect([...baseKeys(en)].sort()).toEqual([...baseKeys(ru)].sort());
  });

  it.each(LANGUAGES)('has every plural form %s needs for every counted text', (language) => {
    const tree = language === 'ru' ? ru : en;
    // A text counted in either language is counted in both.
    const counted = new Set([...pluralForms(ru).keys(), ...pluralForms(en).keys()]);
    const forms = pluralForms(tree);
    for (const base of counted) expect(forms.get(base)?.sort(), `${language} ${base}`).toEqual([...PLURAL_FORMS[language]].sort());
  });

  it('fills in the same values in both languages', () => {
    const ruTexts = leaves(ru);
    for (const [key, text] of leaves(en)) {
      const base = key.replace(PLURAL, '');
      // A Russian plural form may leave out the number ("осталась секунда"), so compare with all its forms together.
      const ruForms = [...ruTexts].filter(([other]) => other.replace(PLURAL, '') === base).map(([, value]) => value);
      expect(placeholders(ruForms.join(' ')), `${namespace}:${key}`).toEqual(placeholders(text));
    }
  });
});

describe('send screen messages', () => {
  const used = [
    ...Object.values(PHONE_PROBLEM_TEXT),
    ...Object.values(OUTCOME_TITLE),
    ...Object.values(OUTCOME_ADVICE),
    ...Object.values(DELIVERY_TEXT),
    ...Object.values(REFUSAL_TEXT),
  ];
  it.each(LANGUAGES)('every phone problem, outcome, delivery and refusal has a sentence in %s', (language) => {
    const send = load(language, 'send');
    for (const key of used) expect(typeof leaf(send, key), key).toBe('string');
  });
});

describe('placeholders', () => {
  it.each(LANGUAGES)('in %s, the phone placeholders can never pass for a number that was typed in', (language) => {
    const examples = [leaf(load(language, 'send'), 'phone.placeholder'), leaf(load(language, 'history'), 'filters.searchPlaceholder')];
    for (const example of examples) {
      expect(typeof example).toBe('string');
      expect(checkPhone(String(example)).ok, String(example)).toBe(false);
    }
  });
});
