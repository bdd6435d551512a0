import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { TgCodeApi } from '../../shared/client.ts';
import { api, expect, goTo, seriousViolations, tabTo, test } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

/** Main polls get_status 2 s after a send; the card re-reads its record every 2 s. */
const STATUS_WAIT = { timeout: 15_000 };

/** The "code the caller read" part of the result card. */
function callerCheck(page: Page) {
  const field = page.getByRole('textbox', { name: 'Код, который назвал человек' });
  return {
    field,
    verdict: page.getByTestId('check-verdict'),
    async check(code: string) {
      await field.fill(code);
      await field.press('Enter');
    },
  };
}

const balance = (page: Page) => page.getByTestId('balance');

test('send, the caller reads the code back, the verdict comes at once: match, mismatch, tries running out', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await screen.send('+7 924 355-51-00', { code: '4827' });
  const check = callerCheck(page);
  await check.check('4827');
  await expect(check.verdict).toContainText('Код совпадает');
  await expect(check.verdict).toContainText('Человек назвал верный код.');

  await screen.send('+7 924 355-51-01', { code: '1111' });
  await check.check('2222');
  await expect(check.verdict).toContainText('Код не совпадает');
  await expect(check.verdict).toContainText('Осталось 2 попытки.');
  await check.check('3333');
  await expect(check.verdict).toContainText('Осталась 1 попытка.');
  await check.check('4444');
  await expect(check.verdict).toContainText('Проверка не пройдена');
  await expect(check.verdict).toContainText('Отправьте новый код.');
  // Done with: even the right code does not verify this send any more.
  await expect(check.field).toHaveAttribute('readonly', '');

  await goTo(page, 'history');
  const grid = page.getByRole('grid', { name: 'История отправок' });
  await expect(grid.getByRole('row').nth(1)).toContainText('Проверка не пройдена');
  await expect(grid.getByRole('row').nth(2)).toContainText('Подтверждён');
  await page.getByRole('button', { name: /^Проверка кода/ }).click();
  await page.getByRole('checkbox', { name: 'Подтверждён', exact: true }).check();
  await expect(page.getByTestId('history-count')).toHaveText('1 запись');
  await expect(grid.getByRole('row').nth(1)).toContainText('+7 924 355-51-00');
});

test('an incomplete code is not sent to be checked', async ({ page, host: _host }) => {
  await sendScreen(page).send('+7 924 355-51-00');
  const check = callerCheck(page);
  await check.check('12');
  await expect(page.getByText('Введите 4 цифры кода.')).toBeVisible();
  await expect(check.verdict).toHaveText('');
});

test('blind check mode end to end: no code on screen, in the history or the export, reveal refused in main, the check still works', async ({ page, host }) => {
  await api(page).updateSettings({ blindCheck: true });
  const screen = sendScreen(page);
  await screen.send('+7 924 355-51-00', { code: '4826' });
  await expect(screen.result).toContainText('Слепая проверка: код не показывается.');
  await expect(screen.sentCode).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('4826');
  expect(await page.content()).not.toContain('4826');
  const check = callerCheck(page);
  await check.check('4826');
  await expect(check.verdict).toContainText('Код совпадает');

  await goTo(page, 'history');
  const row = page.getByRole('grid', { name: 'История отправок' }).getByRole('row').nth(1);
  await expect(row).toContainText('скрыт (слепая проверка)');
  await expect(row.getByRole('button')).toHaveCount(0);
  expect(await page.content()).not.toContain('4826');
  const refused = await page.evaluate(async () => {
    const bridged = globalThis as unknown as { tgcode: TgCodeApi };
    const newest = (await bridged.tgcode.history.page({ query: {}, offset: 0, limit: 1 })).rows[0]!;
    return bridged.tgcode.history.reveal({ id: newest.id }).then(
      () => 'revealed',
      (error: unknown) => String(error),
    );
  });
  expect(refused).toMatch(/^Error: forbidden: /);

  await page.getByRole('button', { name: 'Экспорт в CSV' }).click();
  await expect(page.getByTestId('history-notice')).toContainText('Сохранена 1 запись');
  const exportsDir = path.join(host.dataDir, 'exports');
  const [file] = await readdir(exportsDir);
  const csv = await readFile(path.join(exportsDir, file!), 'utf8');
  expect(csv).toContain('7 924 355-51-00');
  expect(csv).not.toContain('4826');
  expect(csv).toContain('подтверждён');
});

test('the delivery status and the price appear on the result card, in the history and its total', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await screen.send('+7 924 355-51-00', { code: '4827' });
  const status = screen.result.getByTestId('provider-status');
  await expect(status).toContainText('успех (status = 1) «Ok: delivered to Telegram»', STATUS_WAIT);
  await expect(screen.result.getByTestId('provider-price')).toHaveText('0,20 ₽');

  await screen.send('+7 900 000-06-00');
  await expect(status).toContainText('статус неизвестен: internal error', STATUS_WAIT);
  await expect(screen.result.getByTestId('provider-price')).toContainText('нет');

  await goTo(page, 'history');
  const grid = page.getByRole('grid', { name: 'История отправок' });
  await expect(grid.getByRole('row').nth(2)).toContainText('0,20 ₽');
  await expect(page.getByTestId('history-spent')).toHaveText('Потрачено по этим записям: 0,20 ₽ (цена известна для 1 отправки)');
  await grid.getByRole('row').nth(2).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('details-provider-status')).toHaveText('успех (status = 1) «Ok: delivered to Telegram»');
  await dialog.getByRole('button', { name: 'Обновить статус' }).click();
  await expect(dialog.getByTestId('details-provider-status')).toHaveText('успех (status = 1) «Ok: delivered to Telegram»');
  expect(await seriousViolations(page, 'dialog')).toEqual([]);
});

test('the balance in the header: the simulator\'s, with the price and the sends left, lower after a send, and the low-balance warning', async ({ page, host: _host }) => {
  await expect(balance(page)).toContainText('Баланс симулятора');
  await expect(balance(page)).toContainText('50,00 ₽ · 0,20 ₽ за отправку · хватит на 250 отправок');
  await expect(page.getByTestId('balance-low')).toHaveCount(0);
  const screen = sendScreen(page);
  await screen.send('+7 924 355-51-00');
  await expect(balance(page)).toContainText('49,80 ₽ · 0,20 ₽ за отправку · хватит на 249 отправок');
  // This scenario number drops the simulator's balance to five sends, under the default threshold of 20.
  await screen.send('+7 900 000-07-01');
  await expect(page.getByTestId('balance-low')).toHaveText('· Баланс заканчивается');
  await expect(balance(page)).toContainText('1,00 ₽ · 0,20 ₽ за отправку · хватит на 5 отправок');
  // A threshold of 0 warns only at the end.
  await api(page).updateSettings({ lowBalanceSends: 0 });
  await balance(page).getByRole('button', { name: 'Обновить баланс' }).click();
  await expect(page.getByTestId('balance-low')).toHaveCount(0);
});

test('a balance below one send asks before sending; one that cannot be read asks nothing', async ({ page, host: _host, sim }) => {
  const screen = sendScreen(page);
  await screen.send('+7 900 000-07-02');
  await expect(balance(page)).toContainText('0,10 ₽', STATUS_WAIT);
  await screen.phone.fill('+7 924 355-51-00');
  await screen.sendButton.click();
  const dialog = page.getByRole('dialog', { name: 'Баланса может не хватить' });
  await expect(dialog).toContainText('Баланса может не хватить на эту отправку: 0,10 ₽ при цене 0,20 ₽. Отправить всё равно?');
  // Cancel has the focus: Enter sends nothing.
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  expect((await sim.requests()).map((request) => request.phone)).toEqual(['79000000702']);
  await screen.sendButton.click();
  await dialog.getByRole('button', { name: 'Отправить всё равно' }).click();
  // The card of this send, not the one before it (also "code sent"); it names the number while sending too,
  // so the answer itself is waited for.
  await expect(screen.result).toContainText('+7 924 355-51-00');
  await expect(screen.result.getByRole('heading', { name: 'Код отправлен' })).toBeVisible();
  expect((await sim.requests()).map((request) => request.phone)).toEqual(['79000000702', '79243555100']);

  // This number makes balance requests fail from now on (it still asks: the balance read last is short).
  await screen.phone.fill('+7 900 000-07-00');
  await screen.sendButton.click();
  await dialog.getByRole('button', { name: 'Отправить всё равно' }).click();
  await expect(screen.result).toContainText('+7 900 000-07-00');
  await expect(screen.result.getByRole('heading', { name: 'Код отправлен' })).toBeVisible();
  // A balance that cannot be read: the header says so, and sending goes on without asking.
  await expect(balance(page)).toContainText('не удалось узнать', STATUS_WAIT);
  await screen.send('+7 924 355-51-02');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(screen.result).toContainText('+7 924 355-51-02');
});

test('keyboard only: send, type the caller\'s code, hear the verdict', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await expect(screen.phone).toBeFocused();
  await page.keyboard.type('9243555100');
  await page.keyboard.press('Enter');
  await expect(screen.result.getByRole('heading', { name: 'Код отправлен' })).toBeVisible();
  const code = (await screen.sentCode.textContent())!.replace(/\D/g, '');
  const check = callerCheck(page);
  await tabTo(page, check.field);
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await expect(check.verdict).toContainText('Код совпадает');
  await expect(check.verdict).toHaveAttribute('role', 'status');
  // The balance refresh is reachable too.
  await tabTo(page, balance(page).getByRole('button', { name: 'Обновить баланс' }), { backwards: true });
  await page.keyboard.press('Enter');
  await expect(balance(page)).toContainText('Баланс симулятора');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious accessibility problems with a verdict, a status, the balance and the history columns (${colorScheme})`, async ({ page, host: _host }) => {
    // Four full-page scans and a status poll: more than the default budget on a busy machine.
    test.slow();
    await page.emulateMedia({ colorScheme });
    const screen = sendScreen(page);
    await screen.send('+7 924 355-51-00', { code: '4827' });
    await callerCheck(page).check('1111');
    await expect(callerCheck(page).verdict).toContainText('Код не совпадает');
    await expect(screen.result.getByTestId('provider-status')).toContainText('успех', STATUS_WAIT);
    expect(await seriousViolations(page)).toEqual([]);
    await callerCheck(page).check('4827');
    await expect(callerCheck(page).verdict).toContainText('Код совпадает');
    expect(await seriousViolations(page)).toEqual([]);
    await screen.send('+7 900 000-07-01');
    await expect(page.getByTestId('balance-low')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await goTo(page, 'history');
    await expect(page.getByTestId('history-spent')).toBeVisible();
    await page.getByRole('button', { name: /^Проверка кода/ }).click();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
