import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { Fault, SimulatedRequest } from '../../electron/core/simulator.ts';
import { startHost, type Host } from '../host/server.ts';

export interface HostFixture {
  url: string;
  /** This test's own TGCODE_DATA_DIR, removed after the test. */
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
}

const FIRST_RUN_DONE_KEY = 'tgcode.firstRunDone';

/** The app has booted: the send form's phone field (or, on first run, the top bar) is ready for input. */
export async function waitUntilReady(page: Page, firstRunDone = true): Promise<void> {
  if (firstRunDone) await expect(page.locator('#send-phone')).toBeEditable();
  else await expect(page.getByRole('banner')).toBeVisible();
}

export const test = base.extend<Options & { host: HostFixture; sim: SimFixture }>({
  hostEnv: [{}, { option: true }],
  firstRunDone: [true, { option: true }],

  host: async ({ page, hostEnv, firstRunDone }, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-test-'));
    let env: Record<string, string> = { ...hostEnv, TGCODE_DATA_DIR: dataDir };
    let running: Host = await startHost({ env });
    const port = Number(new URL(running.url).port);
    if (firstRunDone) await page.addInitScript((key) => localStorage.setItem(key, '1'), FIRST_RUN_DONE_KEY);
    await page.goto(running.url);
    await waitUntilReady(page, firstRunDone);

    await use({
      url: running.url,
      dataDir,
      restart: async (more = {}) => {
        await running.close();
        env = { ...env, ...more };
        // The same port keeps the page's origin, and so its localStorage, as an app restart would.
        running = await startHost({ env, port });
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
