import type { Page } from '@playwright/test';
import { readDeskIdentity } from '../../electron/core/desk-identity.ts';
import { REPEAT_GUARD_MS } from '../../renderer/src/send/create-send-store.ts';
import { api, expect, goTo, seriousViolations, tabTo, test } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

const DESK = readDeskIdentity();
const question = (page: Page) => page.getByRole('alertdialog', { name: 'Отправить ещё один код?' });
const cooldown = (page: Page) => page.getByTestId('guard-cooldown');
const today = (page: Page) => page.getByTestId('guard-today');
const secondsIn = async (page: Page) => Number(/(\d+)/.exec((await cooldown(page).textContent()) ?? '')?.[1]);

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} colours`, () => {
    test.use({ colorScheme });
    // Several accessibility scans in each flow; a shared, busy machine makes each take seconds.
    test.slow();

    test('the form counts the cooldown down live, and a send within it is blocked, recorded and never sent', async ({ page, sim }) => {
      const screen = sendScreen(page);
      await screen.phone.fill('+7 924 355-51-20');
      await page.keyboard.press('Enter');
      await expect(screen.result).toContainText('Код отправлен');
      // Keyboard only from here: the number is selected for the next one, the limits are under the button.
      await expect(cooldown(page)).toHaveText(/^Следующий код на этот номер — через \d+ секунд[уы]?$/);
      await expect(today(page)).toHaveText('Сегодня на этот номер: 1 из 5');
      const first = await secondsIn(page);
      expect(first).toBeGreaterThan(50);
      await expect.poll(() => secondsIn(page), { timeout: 5_000 }).toBeLessThan(first);
      expect(await seriousViolations(page, 'main')).toEqual([]);

      await page.keyboard.press('Enter');
      await expect(screen.result).toContainText('Заблокировано ограничением — не отправлено');
      await expect(screen.result).toContainText(/Следующий можно отправить через \d+ секунд/);
      await expect(screen.result).toContainText('Запрос не отправлялся. Отказ записан в историю.');
      expect(await seriousViolations(page, 'main')).toEqual([]);
      expect((await sim.requests()).map((request) => request.phone)).toEqual(['79243555120']);

      // Another number has its own limits.
      await screen.phone.fill('+7 924 355-51-21');
      await expect(cooldown(page)).toHaveCount(0);
      await expect(today(page)).toHaveText('Сегодня на этот номер: 0 из 5');
    });

    test('a code still visible in Telegram is asked about; Enter alone never confirms', async ({ page, sim }) => {
      await api(page).updateSettings({ cooldownSeconds: 0 });
      await page.clock.install();
      const screen = sendScreen(page);
      // Each press comes after the moment in which the form takes the same request for a double press.
      const pressEnter = async () => {
        await page.clock.fastForward(REPEAT_GUARD_MS);
        await page.keyboard.press('Enter');
      };
      await screen.phone.fill('+7 924 355-51-22');
      await pressEnter();
      await expect(screen.result).toContainText('Код отправлен');

      await pressEnter();
      const asked = question(page);
      await expect(asked).toContainText(/Код, отправленный \d+ секунд[уы]? назад \(в \d\d:\d\d:\d\d\), ещё виден в Telegram — отправить ещё один\?/);
      await expect(asked.getByRole('button', { name: 'Отмена' })).toBeFocused();
      expect(await seriousViolations(page, 'main')).toEqual([]);
      // A second Enter out of habit cancels: nothing is sent.
      await page.keyboard.press('Enter');
      await expect(asked).toBeHidden();
      await expect(screen.phone).toBeFocused();
      expect(await sim.requests()).toHaveLength(1);

      // Esc cancels too.
      await pressEnter();
      await expect(asked).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(asked).toBeHidden();
      expect(await sim.requests()).toHaveLength(1);

      // A deliberate Tab then Enter sends another.
      await pressEnter();
      await expect(asked).toBeVisible();
      await page.keyboard.press('Tab');
      await expect(asked.getByRole('button', { name: 'Отправить ещё' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(asked).toBeHidden();
      await expect.poll(async () => (await sim.requests()).length).toBe(2);
      await expect(today(page)).toHaveText('Сегодня на этот номер: 2 из 5');
    });

    test('the history shows the blocked attempt, filters by it and by operator, and sums per operator', async ({ page, host: _host }) => {
      await page.clock.install();
      const screen = sendScreen(page);
      await screen.phone.fill('+7 924 355-51-23');
      await page.keyboard.press('Enter');
      await expect(screen.result).toContainText('Код отправлен');
      await page.clock.fastForward(REPEAT_GUARD_MS);
      await page.keyboard.press('Enter');
      await expect(screen.result).toContainText('Заблокировано ограничением');
      await screen.phone.fill('+7 900 000-04-00');
      await page.keyboard.press('Enter');
      await expect(screen.result).toContainText('Сервис не принял номер');

      await goTo(page, 'history');
      const rows = page.getByRole('grid', { name: 'История отправок' }).getByRole('rowgroup').nth(1).getByRole('row');
      await expect(rows).toHaveCount(3);
      await expect(rows.nth(1)).toContainText('Заблокировано лимитом');

      // The summary, opened from the keyboard.
      await tabTo(page, page.getByRole('button', { name: 'По операторам' }));
      await page.keyboard.press('Enter');
      const summary = page.getByRole('dialog', { name: 'По операторам' });
      const table = summary.getByRole('table');
      await expect(table.getByRole('row')).toHaveCount(2);
      // Sends, delivered, verified, failed, blocked; the price waits for the status request made after the send.
      const account = `${DESK.osUser}@${DESK.host}`;
      await expect(table.getByRole('row').nth(1).getByRole('cell')).toHaveText([account, '2', '1', '0', '1', '1', /—|₽/]);
      expect(await seriousViolations(page, 'dialog')).toEqual([]);
      await page.keyboard.press('Escape');

      // Only the blocked attempt, by the outcome filter.
      await page.getByRole('button', { name: /^Результат:/ }).click();
      await page.getByRole('checkbox', { name: 'Заблокировано лимитом' }).check();
      await page.keyboard.press('Escape');
      await expect(rows).toHaveCount(1);
      await page.getByRole('button', { name: 'По операторам' }).click();
      await expect(table.getByRole('row').nth(1).getByRole('cell')).toHaveText([account, '0', '0', '0', '0', '1', /—/]);
      await page.keyboard.press('Escape');
      await rows.first().click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toContainText(/Пауза между кодами: оставалось \d+ с из 60 с/);
      await expect(dialog).toContainText(DESK.osUser);
      await page.keyboard.press('Escape');

      // By operator, and back to everyone.
      const operator = page.getByLabel('Оператор', { exact: true });
      await operator.selectOption({ label: `QA (${DESK.osUser}@${DESK.host})` });
      await expect(rows).toHaveCount(1);
      await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
      await expect(rows).toHaveCount(3);
      await expect(operator).toHaveValue('');
    });
  });
}

test('the per-operator summary counts the sends the caller verified and sums what they cost', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await screen.send('+7 924 355-51-31', { code: '4827' });
  const caller = page.getByRole('textbox', { name: 'Код, который назвал человек' });
  await caller.fill('4827');
  await caller.press('Enter');
  await expect(page.getByTestId('check-verdict')).toContainText('Код совпадает');
  // Main asks get_status 2 s after the send; the price comes with its answer.
  await expect(screen.result.getByTestId('provider-price')).toHaveText('0,20 ₽', { timeout: 15_000 });
  await screen.send('+7 924 355-51-32');
  await expect(screen.result.getByTestId('provider-price')).toHaveText('0,20 ₽', { timeout: 15_000 });

  await goTo(page, 'history');
  await tabTo(page, page.getByRole('button', { name: 'По операторам' }));
  await page.keyboard.press('Enter');
  const summary = page.getByRole('dialog', { name: 'По операторам' });
  const headers = summary.getByRole('columnheader');
  await expect(headers).toHaveText(['Оператор', 'Учётная запись ОС, компьютер', 'Отправлено', 'Доставлено', 'Подтверждено', 'Ошибки', 'Заблокировано лимитом', 'Стоимость, всего']);
  // Sends, delivered, verified, failed, blocked, total price.
  await expect(summary.getByRole('row').nth(1).getByRole('cell')).toHaveText([`${DESK.osUser}@${DESK.host}`, '2', '2', '1', '0', '0', '0,40 ₽']);
  expect(await seriousViolations(page, 'dialog')).toEqual([]);
});
