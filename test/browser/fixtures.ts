import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { Fault, SimulatedRequest } from '../../electron/core/api/simulator.ts';
import type { TgCodeApi } from '../../shared/client.ts';
import type { Mode, SettingsPatch } from '../../shared/settings-schema.ts';
import { startHost, type Host } from '../host/server.ts';

/** Well-formed access tokens (the API documentation's example, and a second one to replace it with). */
export const TOKEN = '4ee85f4f-f5a4-4084-6a04-4634cd4fd4b4';
export const OTHER_TOKEN = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** An empty field as its text reads: a dash for the eye and the word a screen reader says. */
export const NO_VALUE = '—нет';

export interface HostFixture {
  url: string;
  /** This test's own data folder, removed after the test. */
  dataDir: string;
  /** Stops the host and starts it again on the same port and data folder (a restart of the app), then reloads the page. */
  restart(env?: Record<string, string>): Promise<void>;
}

export interface SimFixture {
  /** Every request the host's built-in sandbox simulator received, oldest first. */
  requests(): Promise<SimulatedRequest[]>;
  /** The next answers fail in this order, then the simulator behaves again. */
  queueFaults(...faults: Fault[]): Promise<void>;
}

interface Options {
  /** Extra environment for the host (TGCODE_API_BASE, TGCODE_TOKEN, …); set with `test.use({ hostEnv })`. */
  hostEnv: Record<string, string>;
  /** Whether the first-run question counts as answered; `test.use({ firstRunDone: false })` to see it. */
  firstRunDone: boolean;
  /** The mode the first-run answer chose (recorded in main, as the first-run screen does). */
  chosenMode: Mode;
}

/** The app has booted: the send form's phone field (or, on first run, the top bar) is ready for input. */
export async function waitUntilReady(page: Page, firstRunDone = true): Promise<void> {
  if (firstRunDone) await expect(page.locator('#send-phone')).toBeEditable();
  else await expect(page.getByRole('banner')).toBeVisible();
}

export const test = base.extend<Options & { host: HostFixture; sim: SimFixture }>({
  hostEnv: [{}, { option: true }],
  firstRunDone: [true, { option: true }],
  chosenMode: ['sandbox', { option: true }],

  host: async ({ page, hostEnv, firstRunDone, chosenMode }, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-test-'));
    // The data folder is the host's own option, not TGCODE_DATA_DIR: the header shows no QA override.
    let env: Record<string, string> = { ...hostEnv };
    let running: Host = await startHost({ env, dataDir });
    const port = Number(new URL(running.url).port);
    if (firstRunDone) await running.core.handlers['settings:update']({ mode: chosenMode });
    await page.goto(running.url);
    await waitUntilReady(page, firstRunDone);

    await use({
      url: running.url,
      dataDir,
      restart: async (more = {}) => {
        await running.close();
        env = { ...env, ...more };
        // The same port keeps the page's origin, and so its localStorage, as an app restart would.
        running = await startHost({ env, dataDir, port });
        await page.goto(running.url);
        await waitUntilReady(page, firstRunDone);
      },
    });

    await running.close();
    await rm(dataDir, { recursive: true, force: true });
  },

  sim: async ({ host }, use) => {
    const endpoint = (name: string) => new URL(`/__host/simulator/${name}`, host.url);
    await use({
      requests: async () => {
        const response = await fetch(endpoint('requests'));
        if (!response.ok) throw new Error(`simulator requests: HTTP ${response.status}`);
        return (await response.json()) as SimulatedRequest[];
      },
      queueFaults: async (...faults) => {
        const response = await fetch(endpoint('faults'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ faults }),
        });
        if (!response.ok) throw new Error(`simulator faults: HTTP ${response.status}`);
      },
    });
  },
});

export { expect };

type Bridged = { tgcode: TgCodeApi };

/** The page's own `window.tgcode`, called as the renderer calls it (the casts live here only). */
export function api(page: Page) {
  return {
    settings: () => page.evaluate(() => (globalThis as unknown as Bridged).tgcode.settings.get()),
    updateSettings: (patch: SettingsPatch) => page.evaluate((value) => (globalThis as unknown as Bridged).tgcode.settings.update(value), patch),
    token: () => page.evaluate(() => (globalThis as unknown as Bridged).tgcode.token.status()),
    setToken: (token: string) => page.evaluate((value) => (globalThis as unknown as Bridged).tgcode.token.set({ token: value }), token),
    /** When the newest send started, by the app's own clock (the countdown runs from it). */
    newestSendStartedAt: () =>
      page.evaluate(async () => {
        const page = await (globalThis as unknown as Bridged).tgcode.history.page({ query: {}, offset: 0, limit: 1 });
        const newest = page.rows[0];
        if (!newest) throw new Error('no send in the history');
        return newest.startedAt;
      }),
  };
}

const NAV = { send: 'Отправка', history: 'История', settings: 'Настройки' } as const;
const TITLES = { send: 'Отправка кода', history: 'История отправок', settings: 'Настройки' } as const;

/** Opens a screen from the top bar (Russian labels) and waits for its heading. */
export async function goTo(page: Page, view: keyof typeof NAV): Promise<void> {
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('button', { name: NAV[view] }).click();
  await expect(page.getByRole('heading', { level: 2, name: TITLES[view] })).toBeVisible();
}

/** The sandbox banner in Russian. */
export const sandboxBanner = (page: Page) => page.getByRole('status').filter({ hasText: 'Тестовый режим.' });

/**
 * Production mode with a token entered for `apiBaseUrl` (a stand-in simulator accepting TOKEN), as an
 * operator sets it up, without QA variables; for what only a real send shows (a sandbox card never does).
 */
export async function goProduction(page: Page, apiBaseUrl: string): Promise<void> {
  await api(page).updateSettings({ mode: 'production', apiBaseUrl });
  await api(page).setToken(TOKEN);
  await page.reload();
  await waitUntilReady(page);
  await expect(sandboxBanner(page)).toHaveCount(0);
}

/**
 * Serious and critical WCAG problems (the one bar for every spec), each listed with its rule and the
 * elements it hit; `include` narrows the scan to a part of the page, e.g. 'dialog'.
 */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (include !== undefined) builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Presses Tab (or Shift+Tab) until the element has focus; a bounded walk, as a keyboard user would take. */
export async function tabTo(page: Page, target: Locator, { backwards = false } = {}): Promise<void> {
  for (let presses = 0; presses < 80; presses++) {
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error('the element was not reached with Tab');
}

