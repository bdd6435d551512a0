import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { FAULTS, startSimulator, type Simulator } from '../../electron/core/simulator.ts';
import { expect, test } from './fixtures.ts';
import { sendScreen, updateSettings } from './send-page.ts';

const TOKEN = '9d3e7a51-c2b8-4f06-a1d4-5e6f7a8b9c0d';
/** Every form in which the token could show up: plain, case-changed, URL-encoded, and its distinctive parts. */
const NEEDLES = [TOKEN, TOKEN.toUpperCase(), encodeURIComponent(TOKEN), TOKEN.slice(0, 8), TOKEN.slice(9, 23), TOKEN.replace(/-/g, '')];

const found = (where: string, text: string) => NEEDLES.filter((needle) => text.includes(needle)).map((needle) => `${where}: ${needle}`);

let api: Simulator;
test.beforeEach(async () => {
  api = await startSimulator({ tokens: [TOKEN] });
});
test.afterEach(async () => {
  await api.close();
});

test('after sends with every outcome, the token is nowhere the page, a reply, or the data folder can show', async ({ page, host }) => {
  const replies: string[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/__ipc/')) void response.text().then((body) => replies.push(body));
  });
  // Production mode against a stand-in for the real API that only accepts this token.
  await host.restart({ TGCODE_API_BASE: api.baseUrl });

  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('button', { name: 'Настройки' }).click();
  const panel = page.getByRole('region', { name: 'Токен доступа к API' });
  await panel.getByLabel(/^(Новый т|Т)окен доступа$/).fill(`  ${TOKEN}\n`);
  await panel.getByRole('button', { name: 'Сохранить токен' }).click();
  await expect(panel.getByTestId('token-hint')).toContainText(TOKEN.slice(-4));
  await updateSettings(page, { timeoutMs: 1000 });
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('button', { name: 'Отправка' }).click();

  const screen = sendScreen(page);
  await screen.send('+7 924 355-51-00');
  await expect(screen.result).toContainText('Код отправлен');
  for (const number of ['+7 900 000-04-00', '+7 900 000-04-01']) await screen.send(number);
  for (const fault of FAULTS) {
    api.queueFaults(fault);
    await screen.send(`+7 924 355-5${FAULTS.indexOf(fault)}-00`);
  }
  expect(api.requests).toHaveLength(3 + FAULTS.length);

  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('button', { name: 'История' }).click();
  await expect(page.getByRole('row')).toHaveCount(1 + 3 + FAULTS.length);
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
