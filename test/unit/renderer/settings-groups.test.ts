import { describe, expect, it } from 'vitest';
import { changesFrom, toDraft } from '../../../renderer/src/settings/settings-draft.ts';
import { ADMIN_KEYS, OPERATOR_KEYS } from '../../../renderer/src/settings/settings-groups.ts';
import { defaultSettings } from '../../../electron/core/settings/settings-store.ts';
import { SETTING_KEYS } from '../../../shared/settings-schema.ts';

describe('settings groups', () => {
  it('puts every setting in exactly one group, so a new setting cannot go missing from the screen', () => {
    expect([...OPERATOR_KEYS, ...ADMIN_KEYS].sort()).toEqual([...SETTING_KEYS].sort());
    expect(new Set([...OPERATOR_KEYS, ...ADMIN_KEYS]).size).toBe(SETTING_KEYS.length);
  });

  it('the operator changes language, name and keeping codes; IT the rest', () => {
    expect([...OPERATOR_KEYS].sort()).toEqual(['keepCodes', 'language', 'operatorName']);
  });

  it('a group’s changes hold only its own keys', () => {
    const saved = defaultSettings({ operatorName: 'Анна' });
    const draft = { ...toDraft(saved), operatorName: 'Вера', timeoutSeconds: '30' };
    expect(changesFrom(saved, draft, OPERATOR_KEYS)).toEqual({ ok: true, patch: { operatorName: 'Вера' } });
    expect(changesFrom(saved, draft, ADMIN_KEYS)).toEqual({ ok: true, patch: { timeoutMs: 30_000 } });
  });

  it('a name that only differs in spacing from the saved one is no change', () => {
    const saved = defaultSettings({ operatorName: 'Анна Иванова' });
    expect(changesFrom(saved, { ...toDraft(saved), operatorName: ' Анна  Иванова ' }, OPERATOR_KEYS)).toEqual({ ok: true, patch: {} });
    expect(changesFrom(saved, { ...toDraft(saved), operatorName: 'Анна\u0000' }, OPERATOR_KEYS)).toEqual({ ok: false, invalid: ['operatorName'] });
  });
});
