import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DELIVERY_TEXT, OUTCOME_ADVICE, OUTCOME_TITLE, PHONE_PROBLEM_TEXT, REFUSAL_TEXT } from '../../renderer/src/send/messages.ts';

const LOCALES = path.resolve(import.meta.dirname, '../../renderer/src/locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;

function load(language: string, namespace: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(LOCALES, language, `${namespace}.json`), 'utf8')) as Record<string, unknown>;
}

/** Every leaf key, with plural forms folded into their base key. */
function keys(tree: Record<string, unknown>, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [name, value] of Object.entries(tree)) {
    const key = `${prefix}${name}`;
    if (typeof value === 'object' && value !== null) for (const inner of keys(value as Record<string, unknown>, `${key}.`)) out.add(inner);
    else out.add(key.replace(PLURAL, ''));
  }
  return out;
}

function leaf(tree: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe.each(['common', 'send'])('the %s namespace', (namespace) => {
  it('has the same keys in Russian and English', () => {
    expect([...keys(load('en', namespace))].sort()).toEqual([...keys(load('ru', namespace))].sort());
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
  it.each(['ru', 'en'])('every phone problem, outcome, delivery and refusal has a sentence in %s', (language) => {
    const send = load(language, 'send');
    for (const key of used) expect(typeof leaf(send, key), key).toBe('string');
  });

  it('Russian counts use the one/few/many plural forms', () => {
    const send = load('ru', 'send');
    for (const base of ['countdown.left', 'ownCode.missing']) {
      for (const form of ['one', 'few', 'many', 'other']) expect(typeof leaf(send, `${base}_${form}`), `${base}_${form}`).toBe('string');
    }
  });
});
