import type { Locator, Page } from '@playwright/test';
import { startSimulator } from '../../electron/core/api/simulator.ts';
import { api, expect, goProduction, goTo, seriousViolations, test, TOKEN } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

const UNKNOWN = 'Код мог быть отправлен, а мог и нет — уточните у человека, прежде чем отправлять снова.';

/** The value beside a label in the history's details dialog. */
const field = (dialog: Locator, label: string) => dialog.locator('dt').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');

async function openNewestDetails(page: Page, phone: string): Promise<Locator> {
  await goTo(page, 'history');
  const table = page.getByRole('grid', { name: 'История отправок' });
  await table.getByRole('rowgroup').nth(1).getByRole('row').first().click();
  const dialog = page.getByRole('dialog', { name: `Отправка на ${phone}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
}

async function putOnClipboard(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => (globalThis as unknown as { navigator: { clipboard: { writeText(text: string): Promise<void> } } }).navigator.clipboard.writeText(value), text);
}

test.describe('a number without Telegram', () => {
  test('is named, and the provider’s words are kept in the history details', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    await screen.send('+7 900 000-02-04');
    await expect(screen.result.getByRole('heading', { name: 'У этого номера нет Telegram' })).toBeVisible();
    await expect(screen.result).toContainText('Код через Telegram на этот номер не дойдёт. Предложите человеку другой способ — например, SMS или звонок.');
    await expect(screen.result).toContainText('Код не отправлен.');
    await expect(screen.result).not.toContainText('Непонятный ответ сервиса');
    await expect(screen.result.locator('dd').filter({ hasText: 'user not found in telegram' })).toHaveText('user not found in telegram');
    const dialog = await openNewestDetails(page, '+7 900 000-02-04');
    await expect(field(dialog, 'Результат')).toHaveText(/Нет Telegram/);
    await expect(field(dialog, 'Ошибка')).toHaveText('user not found in telegram');
    await expect(field(dialog, 'Доставка')).toHaveText('Код не отправлен');
  });
});

test('the own code of a send that did not go out is struck through and said to be not sent, in the table and the details', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await screen.send('+7 900 000-04-00', { code: '1357' });
  await screen.send('+7 924 355-51-00', { code: '2468' });
  await goTo(page, 'history');
  const rows = page.getByRole('grid', { name: 'История отправок' }).getByRole('rowgroup').nth(1).getByRole('row');
  const codeCell = (index: number) => rows.nth(index).getByRole('gridcell').nth(2);
  // The delivered code reads as a code; the refused one is struck through and named.
  await expect(codeCell(0)).toHaveText('2468');
  await expect(codeCell(0).locator('s')).toHaveCount(0);
  await expect(codeCell(1).locator('s')).toHaveText('1357');
  await expect(codeCell(1)).toHaveText('1357 не отправлен');
  await expect(codeCell(1).locator('s')).toHaveCSS('text-decoration-line', 'line-through');
  await rows.nth(1).click();
  const dialog = page.getByRole('dialog', { name: 'Отправка на +7 900 000-04-00' });
  await expect(field(dialog, 'Код')).toHaveText('1357 не отправлен');
  await expect(field(dialog, 'Код').getByText('не отправлен')).toBeVisible();
});

test.describe('while a send is under way', () => {
  test('the previous caller’s code and countdown are gone, the waited seconds show against the timeout', async ({ page, sim }) => {
    const screen = sendScreen(page);
    await api(page).updateSettings({ timeoutMs: 4_000 });
    await screen.send('+7 924 355-51-00', { code: '4827' });
    await expect(screen.sentCode).toHaveText('4827');
    await sim.queueFaults('hang');
    await page.clock.install();
    await screen.phone.fill('+7 924 355-51-01');
    await screen.ownCode.uncheck();
    await screen.sendButton.click();
    const pending = screen.result.getByTestId('pending-result');
    await expect(pending).toContainText('Отправляем на +7 924 355-51-01…');
    await expect(screen.sentCode).toHaveCount(0);
    await expect(screen.result.getByText('4827')).toHaveCount(0);
    await expect(screen.result).not.toContainText('+7 924 355-51-00');
    await expect(screen.result.getByRole('timer')).toHaveText('Ждём ответа сервиса: 0 с из 4 с');
    await page.clock.fastForward(2_000);
    await expect(screen.result.getByRole('timer')).toHaveText('Ждём ответа сервиса: 2 с из 4 с');
    await page.clock.resume();
    await expect(screen.result.getByRole('heading', { name: 'Сервис не ответил вовремя' })).toBeVisible();
  });

  test('“stop waiting” says the outcome is unknown and frees the form for the next number, typed meanwhile', async ({ page, sim }) => {
    test.slow();
    const screen = sendScreen(page);
    // The longest timeout there is: this request stays unanswered for the whole test.
    await api(page).updateSettings({ timeoutMs: 120_000 });
    await sim.queueFaults('hang');
    await screen.phone.fill('+7 924 355-51-00');
    await screen.sendButton.click();
    await expect(screen.form).toHaveAttribute('aria-busy', 'true');
    // The next number can be typed while waiting.
    await screen.phone.fill('+7 924 355-51-07');
    await expect(screen.phone).toHaveValue('+7 924 355-51-07');
    expect(await seriousViolations(page, '.result')).toEqual([]);
    await screen.result.getByRole('button', { name: 'Перестать ждать' }).click();
    await expect(screen.form).toHaveAttribute('aria-busy', 'false');
    await expect(screen.result.getByRole('heading', { name: 'Вы перестали ждать ответа' })).toBeVisible();
    await expect(screen.result).toContainText('Запрос ушёл, и код мог быть отправлен. Итог появится в Истории, когда сервис ответит.');
    await expect(screen.result).toContainText(UNKNOWN);
    await expect(screen.result).not.toContainText('можно отправить снова');
    await expect(screen.phone).toHaveValue('+7 924 355-51-07');
    expect(await seriousViolations(page, '.result')).toEqual([]);
    await screen.send('+7 924 355-51-07');
    await expect(screen.result.getByRole('heading', { name: 'Код отправлен' })).toBeVisible();
    // The history does not guess: the attempt no longer waited for is still on its way.
    await goTo(page, 'history');
    const rows = page.getByRole('grid', { name: 'История отправок' }).getByRole('rowgroup').nth(1).getByRole('row');
    await expect(rows.nth(0).getByRole('gridcell').nth(3)).toHaveText(/Отправлен$/);
    await expect(rows.nth(1).getByRole('gridcell').nth(3)).toHaveText(/Отправляется/);
    expect(await sim.requests()).toHaveLength(2);
  });

  test('the send no longer waited for ends in the history with what really happened, and never takes the screen', async ({ page, sim }) => {
    const screen = sendScreen(page);
    await api(page).updateSettings({ timeoutMs: 5_000 });
    await sim.queueFaults('hang');
    await screen.phone.fill('+7 924 355-51-00');
    await screen.sendButton.click();
    await screen.result.getByRole('button', { name: 'Перестать ждать' }).click();
    await screen.send('+7 924 355-51-07');
    await goTo(page, 'history');
    const rows = page.getByRole('grid', { name: 'История отправок' }).getByRole('rowgroup').nth(1).getByRole('row');
    await expect(rows.nth(1).getByRole('gridcell').nth(3)).toHaveText(/Нет ответа/, { timeout: 15_000 });
    await goTo(page, 'send');
    await expect(screen.result.getByRole('heading', { name: 'Код отправлен' })).toBeVisible();
    await expect(screen.result).toContainText('+7 924 355-51-07');
  });
});

test.describe('copying the code', () => {
  test.beforeEach(async ({ page, host: _host }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await sendScreen(page).send('+7 924 355-51-00', { code: '4827' });
    await putOnClipboard(page, 'something else');
  });

  test('the copy button copies the four digits alone', async ({ page }) => {
    const screen = sendScreen(page);
    await screen.result.getByRole('button', { name: 'Копировать код' }).click();
    await expect(screen.result.getByTestId('copy-status')).toHaveText('Код 4827 скопирован.');
    expect(await clipboardText(page)).toBe('4827');
  });

  test('Ctrl+C with the code in focus copies the four digits alone', async ({ page }) => {
    const screen = sendScreen(page);
    await screen.sentCode.focus();
    await page.keyboard.press('Control+C');
    await expect.poll(() => clipboardText(page)).toBe('4827');
  });

  test('a drag across the card copies the digits only: no gap, no label, no newline', async ({ page }) => {
    const screen = sendScreen(page);
    const title = await screen.result.getByRole('heading', { name: 'Код отправлен' }).boundingBox();
    const digits = await screen.sentCode.boundingBox();
    if (title === null || digits === null) throw new Error('the card is not laid out');
    await page.mouse.move(title.x + 2, title.y + title.height / 2);
    await page.mouse.down();
    await page.mouse.move(digits.x + digits.width + 4, digits.y + digits.height / 2, { steps: 8 });
    await page.mouse.up();
    expect(await page.evaluate(() => (globalThis as unknown as { getSelection(): { toString(): string } }).getSelection().toString())).toContain('Код отправлен');
    await page.keyboard.press('Control+C');
    await expect.poll(() => clipboardText(page)).toBe('4827');
  });
});

test.describe('next steps that agree with the outcome', () => {
  test('after a rate limit the wait the service asked for is counted down, then sending again is offered', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    await page.clock.install();
    await screen.send('+7 900 000-04-29');
    const wait = screen.result.getByTestId('retry-wait');
    await expect(wait).toHaveText(/^Сервис просит подождать: отправить снова можно через (30|29) секунд\.$/);
    await expect(screen.result).toContainText('Код не отправлен.');
    await expect(screen.result).not.toContainText('можно отправить снова.');
    await page.clock.fastForward(31_000);
    await expect(wait).toHaveText('Время ожидания прошло — теперь можно отправить снова.');
  });

  test('a rejected token says to fix the token, not to send again', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    await screen.send('+7 900 000-04-01');
    await expect(screen.result).toContainText('Отправки не пройдут, пока токен не исправлен');
    await expect(screen.result).not.toContainText('можно отправить снова');
    // The way to fix it is on the card; a failure the settings cannot fix offers none.
    await screen.result.getByRole('button', { name: 'Открыть настройки' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Настройки' })).toBeVisible();
    await goTo(page, 'send');
    await screen.send('+7 900 000-04-44');
    await expect(screen.result).toContainText('Нет связи с сервисом');
    await expect(screen.result.getByRole('button', { name: 'Открыть настройки' })).toHaveCount(0);
  });
});

test('an answer that disagrees with the request says so: another code than the own one, another number', async ({ page, host: _host }) => {
  // A production send (a sandbox card is never green or amber), to a stand-in for the API set in Settings.
  const standIn = await startSimulator({ tokens: [TOKEN] });
  try {
    await goProduction(page, standIn.baseUrl);
    // The simulator always agrees; the reply is given the mismatches main reports (test/unit/service/answer-checks.test.ts).
    await page.route('**/__ipc/send:code', async (route) => {
      const reply = await route.fetch();
      const envelope = (await reply.json()) as { value?: Record<string, unknown> };
      if (envelope.value) Object.assign(envelope.value, { reportedCode: '9876', reportedPhone: '79990001122' });
      await route.fulfill({ response: reply, json: envelope });
    });
    const screen = sendScreen(page);
    await screen.send('+7 924 355-51-00', { code: '1234' });
    await expect(screen.result.getByRole('heading', { name: 'Код отправлен' })).toBeVisible();
    await expect(screen.result).toContainText('Код по ответу сервиса');
    await expect(screen.sentCode).toHaveText('9876');
    await expect(screen.result.getByTestId('mismatch')).toContainText('Вы задали код 1234, а сервис сообщает, что отправил 9876. Уточните у человека, какой код пришёл.');
    await expect(screen.result.getByTestId('mismatch')).toContainText('Сервис сообщает другой номер: «79990001122».');
    await expect(screen.result.locator('.result__card')).toHaveClass(/result__card--warn/);
  } finally {
    await standIn.close();
  }
});
