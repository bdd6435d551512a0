import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { SANDBOX_TOKEN, startSimulator, type Simulator } from '../../electron/core/api/simulator.ts';
import { sendScreen, settle } from '../browser/send-page.ts';
import { electronPackageDir, findElectronBinary } from './electron-binary.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

const found = findElectronBinary(electronPackageDir(), process.env);
// A binary that is claimed but missing fails the run here: only a machine that never had one skips.
if (found.kind === 'broken') throw new Error(`electron suite cannot start: ${found.reason}`);
const binary = found.kind === 'present' ? found.path : null;
const SKIP_REASON = 'Electron binary not installed here (it downloads on first launch); this suite runs where it is present';
test.skip(binary === null, SKIP_REASON);
// Reporters show a skip without its reason; say it where the run's output is read.
if (binary === null) console.log(`electron suite skipped: ${SKIP_REASON}`);

let dataDir: string;
let app: ElectronApplication | null = null;

test.beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-electron-'));
});

test.afterEach(async () => {
  await app?.close();
  app = null;
  await rm(dataDir, { recursive: true, force: true });
});

async function launch(env: Record<string, string> = {}): Promise<Page> {
  app = await _electron.launch({
    executablePath: binary!,
    // Chromium refuses to run as root without --no-sandbox (CI runs as root).
    args: [path.join(PROJECT_ROOT, 'out/main/index.js'), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    cwd: PROJECT_ROOT,
    env: { ...process.env, TGCODE_DATA_DIR: dataDir, ...env },
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return page;
}

test('sandbox: the banner says no real code is sent, and a send shows its code and countdown', async () => {
  const page = await launch();
  // A fresh data folder opens on the first-run question; answer it as "look around first".
  await page.getByRole('button', { name: 'Попробовать без токена' }).click();
  const screen = sendScreen(page);
  await expect(screen.phone).toBeEditable();
  await expect(page.getByRole('status').filter({ hasText: 'Тестовый режим.' })).toContainText('Тестовый режим выбран в настройках.');

  await screen.send('8 (924) 355-51-00', { code: '5931' });
  await expect(screen.result.getByTestId('simulator-statement')).toHaveText('Симулятор — код не отправлен');
  await expect(screen.sentCode).toHaveText('5931');
  await expect(screen.result.getByRole('timer')).toHaveText(/осталось \d+ секунд/);
  await expect(screen.phone).toBeFocused();
});

test.describe('against an API stand-in', () => {
  let api: Simulator;
  test.beforeEach(async () => {
    api = await startSimulator();
  });
  test.afterEach(async () => {
    await api.close();
  });

  test('a double click sends exactly one request, and errors are explained', async () => {
    const page = await launch({ TGCODE_API_BASE: api.baseUrl, TGCODE_TOKEN: SANDBOX_TOKEN });
    const screen = sendScreen(page);
    await expect(screen.phone).toBeEditable();
    await expect(page.getByText('Тестовый режим.')).toHaveCount(0);

    await screen.phone.fill('9243555100');
    await screen.sendButton.dblclick();
    await expect(screen.sentCode).toHaveText(/^\d{4}$/);
    await settle(page);
    expect(api.requests).toHaveLength(1);

    api.queueFaults('rate_limited');
    await screen.send('9243555101');
    await expect(screen.result.getByRole('heading', { name: 'Сервис занят или лимит исчерпан' })).toBeVisible();
    await expect(screen.result).toContainText('Код не отправлен.');
    await expect(screen.result).toContainText('отправить снова можно через 30 секунд');
  });
});

test('the window is locked down: no Node, no new windows, no navigation, no inline script, only the contract', async () => {
  const page = await launch();
  type PageGlobals = {
    require?: unknown;
    process?: unknown;
    open(url: string): unknown;
    location: { href: string };
    tgcode: Record<string, unknown>;
    inlineRan?: boolean;
    document: { createElement(tag: string): { textContent: string }; head: { append(node: unknown): void } };
  };
  const seen = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const script = g.document.createElement('script');
    script.textContent = 'globalThis.inlineRan = true';
    g.document.head.append(script);
    return {
      require: typeof g.require,
      process: typeof g.process,
      opened: g.open('https://example.com/') === null,
      inlineRan: g.inlineRan === true,
      api: Object.keys(g.tgcode).sort(),
    };
  });
  expect(seen).toEqual({ require: 'undefined', process: 'undefined', opened: true, inlineRan: false, api: ['app', 'history', 'send', 'settings', 'token'] });

  const before = page.url();
  await page.evaluate(() => void ((globalThis as unknown as PageGlobals).location.href = 'https://example.com/'));
  // A refused navigation leaves no trace to wait for, so give it a moment to have happened if it could.
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  expect(app!.windows()).toHaveLength(1);
});
