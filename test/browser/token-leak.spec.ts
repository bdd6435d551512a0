import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { FAULTS, startSimulator, type Fault, type Simulator } from '../../electron/core/api/simulator.ts';
import { tokenLeaks } from '../support/token-leaks.ts';
import { api, expect, goTo, test, type HostFixture } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

// Not the documentation's example token: this one's parts appear nowhere else, so any hit is a leak.
const TOKEN = '9d3e7a51-c2b8-4f06-a1d4-5e6f7a8b9c0d';
const found = (where: string, text: string) => tokenLeaks(where, text, [TOKEN]);

// A send per fault through the screen, each followed by a search of the page: longer than most tests.
test.describe.configure({ timeout: 60_000 });

test.use({ chosenMode: 'production' });

let standIn: Simulator;
test.beforeEach(async () => {
  standIn = await startSimulator({ tokens: [TOKEN] });
});
test.afterEach(async () => {
  await standIn.close();
});

/** A delivered status, a failing one and a garbled one (the stand-in's scenario numbers). */
const LOOP_NUMBERS = ['+7 924 355-51-09', '+7 900 000-06-00', '+7 900 000-06-01'];

/** The loop after a send: the caller's code checked, statuses (known, failing, garbled), the balance read and failing. */
async function exerciseLoop(page: Page): Promise<void> {
  for (const number of LOOP_NUMBERS) {
    await sendScreen(page).send(number);
    const caller = page.getByRole('textbox', { name: 'Код, который назвал человек' });
    await caller.fill('0000');
    await caller.press('Enter');
    await expect(page.getByTestId('check-verdict')).not.toBeEmpty();
    await expect(sendScreen(page).result.getByTestId('provider-status')).not.toContainText('ждём ответа', { timeout: 15_000 });
  }
  const refreshBalance = page.getByRole('button', { name: 'Обновить баланс' });
  await refreshBalance.click();
  await expect(page.getByTestId('balance')).toContainText('₽');
  standIn.failBalance(true);
  await refreshBalance.click();
  await expect(page.getByTestId('balance')).toContainText('не удалось узнать');
  expect(new Set(standIn.accountRequests.map((request) => request.action))).toEqual(new Set(['get_status', 'get_balance']));
}

/**
 * Production mode against a stand-in for the real API that only accepts this token; sends one number per
 * fault and collects every place the token could show up: the page after each answer, every reply, web
 * storage, the history screen, and the data folder with an export in it.
 */
async function sendAndSearch(page: Page, host: HostFixture, faults: readonly Fault[], numbers: readonly string[] = [], loop = false): Promise<string[]> {
  const replies: string[] = [];
  page.on('response', (response) => {
    if (!new URL(response.url()).pathname.startsWith('/__ipc/')) return;
    // A reply still on its way when the restart reloads the page has no body left to read (and no page to reach).
    response.text().then(
      (body) => replies.push(body),
      () => undefined,
    );
  });
  await host.restart({ TGCODE_API_BASE: standIn.baseUrl });

  await goTo(page, 'settings');
  const panel = page.getByRole('region', { name: 'Токен доступа к API' });
  await panel.getByLabel(/^(Новый т|Т)окен доступа$/).fill(`  ${TOKEN}\n`);
  await panel.getByRole('button', { name: 'Сохранить токен' }).click();
  await expect(panel.getByTestId('token-hint')).toContainText(TOKEN.slice(-4));
  await api(page).updateSettings({ timeoutMs: 1000 });
  await goTo(page, 'send');

  const hits: string[] = [];
  const screen = sendScreen(page);
  for (const number of numbers) await screen.send(number);
  for (const [index, fault] of faults.entries()) {
    standIn.queueFaults(fault);
    await screen.send(`+7 924 355-${String(index).padStart(2, '0')}-00`);
    // The echo is on screen, redacted where it stood.
    if (fault.startsWith('echo_')) await expect(screen.result).toContainText('[token]');
    hits.push(...found(`DOM after ${fault}`, await page.content()));
  }
  expect(standIn.requests).toHaveLength(numbers.length + faults.length);

  if (loop) await exerciseLoop(page);

  await goTo(page, 'history');
  await expect(page.getByRole('row')).toHaveCount(1 + numbers.length + faults.length + (loop ? LOOP_NUMBERS.length : 0));
  if (loop) {
    // A status refreshed on demand from the details.
    await page.getByRole('row').nth(LOOP_NUMBERS.length).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Обновить статус' }).click();
    await expect(page.getByRole('dialog').getByTestId('details-provider-status')).toContainText('успех');
    await page.getByRole('dialog').getByRole('button', { name: 'Закрыть' }).click();
  }
  await page.getByRole('button', { name: 'Экспорт в CSV' }).click();
  await expect(page.getByRole('status').filter({ hasText: /\.csv/ })).toBeVisible();
  // Reconciliation sends the token in its URL path too, and a foreign send comes back in its answer.
  standIn.addForeignSends(1);
  await page.getByRole('button', { name: /^Сверка( |$)/ }).click();
  const reconcile = page.getByRole('dialog', { name: 'Сверка с биллингом' });
  await reconcile.getByRole('button', { name: 'Сверить' }).click();
  await expect(reconcile).toContainText('сделал кто-то другой');
  expect(standIn.billingRequests).toEqual([100]);

  hits.push(...found('DOM', await page.content()));
  const storage = await page.evaluate(() => {
    const { localStorage, sessionStorage, document } = globalThis as unknown as { localStorage: Storage; sessionStorage: Storage; document: { cookie: string } };
    return JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie });
  });
  hits.push(...found('web storage', storage));
  for (const [i, reply] of replies.entries()) hits.push(...found(`reply ${i}`, reply));
  await host.restart();
  const files: string[] = [];
  for (const entry of await readdir(host.dataDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.push(path.relative(host.dataDir, file));
    hits.push(...found(path.relative(host.dataDir, file), await readFile(file, 'utf8')));
  }
  expect(files.some((file) => file.endsWith('.csv'))).toBe(true);
  expect(replies.length).toBeGreaterThan(faults.length);
  return hits;
}

test('after sends with every outcome, the token is nowhere the page, a reply, or the data folder can show', async ({ page, host }) => {
  const outcomes = FAULTS.filter((fault) => !fault.startsWith('echo_'));
  expect(await sendAndSearch(page, host, outcomes, ['+7 924 355-51-00', '+7 900 000-04-00', '+7 900 000-04-01'])).toEqual([]);
});

test('the loop after a send (checks, statuses, the balance) puts the token nowhere either', async ({ page, host }) => {
  expect(await sendAndSearch(page, host, [], ['+7 924 355-51-00'], true)).toEqual([]);
});

test('a server that echoes the token in its error text, in any form, gets it nowhere', async ({ page, host }) => {
  expect(await sendAndSearch(page, host, FAULTS.filter((fault) => fault.startsWith('echo_error_')))).toEqual([]);
});

test('a server that echoes the token in a success (status_info, operator_name), in any form, gets it nowhere', async ({ page, host }) => {
  expect(await sendAndSearch(page, host, FAULTS.filter((fault) => fault.startsWith('echo_success_')))).toEqual([]);
});
