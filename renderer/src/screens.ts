import { lazy } from 'react';

// The history and settings screens (and the first-run screen) load on demand: the send form, which
// the app opens on, then has less script to parse before it can be typed into.
const loadHistory = () => import('./history/HistoryScreen.tsx');
const loadSettings = () => import('./settings/SettingsScreen.tsx');
const loadFirstRun = () => import('./settings/FirstRun.tsx');

export const HistoryScreen = lazy(() => loadHistory().then((module) => ({ default: module.HistoryScreen })));
export const SettingsScreen = lazy(() => loadSettings().then((module) => ({ default: module.SettingsScreen })));
export const FirstRun = lazy(() => loadFirstRun().then((module) => ({ default: module.FirstRun })));

/** Fetches the other screens once the send form is up, so switching to them never waits. */
export function preloadScreens(): void {
  void loadHistory();
  void loadSettings();
}

/** Awaited before the first paint when the first-run screen is what the app opens on. */
export async function preloadFirstRun(): Promise<void> {
  await loadFirstRun();
}
