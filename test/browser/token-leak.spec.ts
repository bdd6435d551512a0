import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { FAULTS, startSimulator, type Simulator } from '../../electron/core/api/simulator.ts';
import { api, expect, goTo, test } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

// Not the documentation's example token: this one's parts appear nowhere else, so any hit is a leak.
const TOKEN = '9d3e7a51-c2b8-4f06-a1d4-5e6f7a8b9c0d';
/** Every form in which the token could show up: plain, case-changed, URL-encoded, and its distinctive parts. */
const NEEDLES = [TOKEN, TOKEN.toUpperCase(), encodeURIComponent(TOKEN), TOKEN.slice(0, 8), TOKEN.slice(9, 23), TOKEN.replace(/-/g, '')];

const found = (where: string, text: string) => NEEDLES.filter((needle) => text.includes(needle)).map((needle) => `${where}: ${needle}`);

let standIn: Simulator;
test.beforeEach(async () => {
  standIn = await startSimulator({ tokens: [TOKEN] });
});
test.afterEach(async () => {
  await standIn.close();
});

test('after sends with every outcome, the token is nowhere the page, a reply, or the data folder can show', async ({ page, host }) => {
  const replies: string[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/__ipc/')) void response.text().then((body) => replies.push(body));
  });
  // Production mode against a stand-in for the real API that only accepts this token.
  await host.restart({ TGCODE_API_BASE: standIn.baseUrl });

  await goTo(page, 'settings');
  const panel = page.getByRole('region', { name: 'Токен доступа к API' });
  await panel.getByLabel(/^(Новый т|Т)окен доступа$/).fill(`  ${TOKEN}\n`);
  await panel.getByRole('button', { name: 'Сохранить токен' }).click();
  await expect(panel.getByTestId('token-hint')).toContainText(TOKEN.slice(-4));
  await api(page).updateSettings({ timeoutMs: 1000 });
  await goTo(page, 'send');

  const screen = sendScreen(page);
  await screen.send('+7 924 355-51-00');
  await expect(screen.result).toContainText('Код отправлен');
  for (const number of ['+7 900 000-04-00', '+7 900 000-04-01']) await screen.send(number);
  for (const fault of FAULTS) {
    standIn.queueFaults(fault);
    await screen.send(`+7 924 355-5${FAULTS.indexOf(fault)}-00`);
  }
  expect(standIn.requests).toHaveLength(3 + FAULTS.length);

  // The loop after a send: the caller's code checked, statuses (known, failing, garbled), the balance.
  for (const number of ['+7 924 355-51-09', '+7 900 000-06-00', '+7 900 000-06-01']) {
    await screen.send(number);
    const caller = page.getByRole('textbox', { name: 'Код, который назвал человек' });
    await caller.fill('0000');
    await caller.press('Enter');
    await expect(page.getByTestId('check-verdict')).not.toBeEmpty();
    await expect(screen.result.getByTestId('provider-status')).not.toContainText('ждём ответа', { timeout: 15_000 });
  }
  const refreshBalance = page.getByRole('button', { name: 'Обновить баланс' });
  await refreshBalance.click();
  await expect(page.getByTestId('balance')).toContainText('₽');
  standIn.failBalance(true);
  await refreshBalance.click();
  await expect(page.getByTestId('balance')).toContainText('не удалось узнать');
  expect(new Set(standIn.accountRequests.map((request) => request.action))).toEqual(new Set(['get_status', 'get_balance']));

  await goTo(page, 'history');
  await expect(page.getByRole('row')).toHaveCount(1 + 6 + FAULTS.length);
  await page.getByRole('row').nth(3).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Обновить статус' }).click();
  await expect(page.getByRole('dialog').getByTestId('details-provider-status')).toContainText('успех');
  await page.getByRole('dialog').getByRole('button', { name: 'Закрыть' }).click();
  await page.getByRole('button', { name: 'Экспорт в CSV' }).click();
  await expect(page.getByRole('status').filter({ hasText: /\.csv/ })).toBeVisible();

  const hits: string[] = [];
  hits.push(...found('DOM', await page.content()));
  const storage = await page.evaluate(() => {
    const { localStorage, sessionStorage, document } = globalThis as unknown as { localStorage: Storage; sessionStorage: Storage; document: { cookie: string } };
    return JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie });
  });
  hits.push(...found('web storage', storage));
  for (const [i, reply] of replies.entries()) hits.push(...found(`reply ${i}`, reply));
  await host.restart();
  for (const entry of await readdir(host.dataDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    hits.push(...found(path.relative(host.dataDir, file), await readFile(file, 'utf8')));
  }
  expect(replies.length).toBeGreaterThan(10);
  expect(hits).toEqual([]);
});
