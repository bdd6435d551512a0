import { create } from 'zustand';
import type { SettingsPatch, SettingsView } from '../../../shared/settings-schema.ts';
import type { TokenStatus } from '../../../shared/token-schema.ts';
import { useAppStore } from '../app-store.ts';
import { tgcode } from '../tgcode.ts';
import type { SettingsGroup } from './settings-groups.ts';

interface SettingsState {
  /** Null until the first load; kept afterwards, so a return to the screen shows it at once. */
  view: SettingsView | null;
  token: TokenStatus | null;
  load(): Promise<void>;
  /** Re-reads the token status alone (main may have dropped the token, e.g. on a new API address). */
  refreshToken(): Promise<TokenStatus>;
  /** Saves a patch; throws the service's ContractError (e.g. 'invalid_settings') unchanged. */
  save(patch: SettingsPatch): Promise<SettingsView>;
  setToken(token: string, acceptWeakStorage: boolean): Promise<TokenStatus>;
  removeToken(): Promise<TokenStatus>;
  /** Groups whose form holds unsaved edits; the app asks before leaving the screen while any does. */
  dirtyGroups: ReadonlySet<SettingsGroup>;
  setGroupDirty(group: SettingsGroup, dirty: boolean): void;
}

/** The settings and the token status as main reports them; the token itself never comes here. */
export const useSettingsStore = create<SettingsState>((set, get) => ({
  view: null,
  token: null,
  dirtyGroups: new Set(),
  setGroupDirty: (group, dirty) => {
    if (get().dirtyGroups.has(group) === dirty) return;
    const dirtyGroups = new Set(get().dirtyGroups);
    if (dirty) dirtyGroups.add(group);
    else dirtyGroups.delete(group);
    set({ dirtyGroups });
    useAppStore.getState().setUnsavedChanges(dirtyGroups.size > 0);
  },
  load: async () => {
    const [view, token] = await Promise.all([tgcode.settings.get(), tgcode.token.status()]);
    set({ view, token });
  },
  refreshToken: async () => {
    const token = await tgcode.token.status();
    set({ token });
    return token;
  },
  save: async (patch) => {
    const view = await tgcode.settings.update(patch);
    set({ view });
    return view;
  },
  setToken: async (token, acceptWeakStorage) => {
    const status = await tgcode.token.set({ token, acceptWeakStorage });
    set({ token: status });
    return status;
  },
  removeToken: async () => {
    const status = await tgcode.token.remove();
    set({ token: status });
    return status;
  },
}));
