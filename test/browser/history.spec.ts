import { appendFile, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import { readDeskIdentity } from '../../electron/core/desk-identity.ts';
import { REPEAT_GUARD_MS } from '../../renderer/src/send/create-send-store.ts';
import { api, expect, goTo, NO_VALUE, seriousViolations, tabTo, test } from './fixtures.ts';
import { recordLine, restartWithHistory } from './history-file.ts';
import { sendScreen } from './send-page.ts';

const OPERATORS = /ООО "Мегафон"|ПАО "МТС"|ПАО "ВымпелКом"|ООО "Т2 Мобайл"/;
const RATE_LIMITED = '+7 900 000-04-29';
const MINUTE = 60_000;
/** The OS account and computer the host records, read as main reads them (the host runs in this process). */
const DESK = readDeskIdentity();
const ACCOUNT = `${DESK.osUser}@${DESK.host}`;

/** The history screen as an operator finds it (Russian labels, the default language). */
function historyScreen(page: Page) {
  const table = page.getByRole('grid', { name: 'История отправок' });
  const rows = table.getByRole('rowgroup').nth(1).getByRole('row');
  const outcomeButton = page.getByRole('button', { name: /^Результат:/ });
  return {
    table,
    rows,
    count: page.getByTestId('history-count'),
    notice: page.getByTestId('history-notice'),
    search: page.getByLabel('Поиск: номер, код или кто отправил'),
    searchHint: page.getByTestId('search-hint'),
    from: page.getByLabel('С даты'),
    to: page.getByLabel('По дату'),
    clearFilters: page.getByRole('button', { name: 'Сбросить фильтры' }),
    outcomeButton,
    exportButton: page.getByRole('button', { name: 'Экспорт в CSV' }),
    clearButton: page.getByRole('button', { name: 'Очистить историю' }),
    /** Cell `column` (0-based: time, phone, code, outcome, operator, duration, sent by) of row `index`. */
    cell: (index: number, column: number) => rows.nth(index).getByRole('gridcell').nth(column),
    async pickOutcome(label: string) {
      await outcomeButton.click();
      await page.getByRole('checkbox', { name: label, exact: true }).check();
      await page.keyboard.press('Escape');
    },
  };
}

/** The value beside a label in the details dialog. */
function field(dialog: Locator, label: string): Locator {
  return dialog.locator('dt').filter({ hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) }).locator('xpath=following-sibling::dd[1]');
}

async function sendAll(page: Page, ...sends: (string | { phone: string; code: string })[]) {
  const screen = sendScreen(page);
  for (const send of sends) {
    if (typeof send === 'string') await screen.send(send);
    else await screen.send(send.phone, { code: send.code });
  }
}

async function readExport(dataDir: string, fileName: string) {
  const text = await readFile(path.join(dataDir, 'exports', fileName), 'utf8');
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { delimiter: ';', skipEmptyLines: true });
  return { text, rows: parsed.data };
}

test('sends appear in the history newest first, and later sends show up without reloading the page', async ({ page, host: _host }) => {
  const history = historyScreen(page);
  await sendAll(page, '+7 900 123-45-67', { phone: '8 900 123 45 68', code: '4321' });
  await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));

  await goTo(page, 'history');
  await expect(page.getByRole('heading', { name: 'История отправок' })).toBeVisible();
  await expect(history.count).toHaveText('2 записи');
  await expect(history.rows).toHaveCount(2);
  await expect(history.cell(0, 1)).toHaveText('+7 900 123-45-68');
  await expect(history.cell(0, 2)).toHaveText('4321');
  await expect(history.cell(0, 3)).toHaveText(/Отправлен/);
  await expect(history.cell(0, 4)).toHaveText(OPERATORS);
  await expect(history.cell(0, 5)).toHaveText(/^\d+ мс$|\d с$/);
  await expect(history.cell(0, 6)).toHaveText(`QA${ACCOUNT}`);
  await expect(history.cell(1, 1)).toHaveText('+7 900 123-45-67');
  // A generated code is shown while it is still on the person's screen.
  await expect(history.cell(1, 2)).toHaveText(/^\d{4}$/);

  await goTo(page, 'send');
  await sendAll(page, '9001234569');
  await goTo(page, 'history');
  await expect(history.count).toHaveText('3 записи');
  await expect(history.cell(0, 1)).toHaveText('+7 900 123-45-69');
  expect(await page.evaluate(() => 'sameDocument' in globalThis)).toBe(true);
});

test('search finds a number typed in another format than it was sent in', async ({ page, host: _host }) => {
  const history = historyScreen(page);
  await sendAll(page, '+7 900 123-45-67', '+7 900 765-43-21');
  await goTo(page, 'history');
  await expect(history.count).toHaveText('2 записи');

  await history.search.fill('8 (900) 123 45 67');
  await expect(history.count).toHaveText('1 запись');
  await expect(history.rows).toHaveCount(1);
  await expect(history.cell(0, 1)).toHaveText('+7 900 123-45-67');

  await history.search.fill('9007654321');
  await expect(history.cell(0, 1)).toHaveText('+7 900 765-43-21');
  await expect(history.count).toHaveText('1 запись');

  await history.clearFilters.click();
  await expect(history.search).toHaveValue('');
  await expect(history.count).toHaveText('2 записи');
  await expect(history.clearFilters).toBeDisabled();
});

test('search finds part of a number in any prefix form, a code, and who sent it; a search too short says so', async ({ page, host: _host }) => {
  const history = historyScreen(page);
  await api(page).updateSettings({ operatorName: 'Анна Ёлкина' });
  await sendAll(page, { phone: '+7 916 100-12-34', code: '4827' });
  await api(page).updateSettings({ operatorName: 'Борис' });
  await sendAll(page, { phone: '+7 900 555-91-61', code: '2222' }, { phone: '+7 926 100-99-99', code: '3333' });
  await goTo(page, 'history');
  await expect(history.count).toHaveText('3 записи');

  // Typed with 8 and spaces, the start of the number: only +7 916 100…, not 926 100 or …9161.
  await history.search.fill('8 916 100');
  await expect(history.count).toHaveText('1 запись');
  await expect(history.cell(0, 1)).toHaveText('+7 916 100-12-34');
  await history.search.fill('+7 (916) 100');
  await expect(history.count).toHaveText('1 запись');
  await history.search.fill('100');
  await expect(history.count).toHaveText('2 записи');

  await history.search.fill('4827');
  await expect(history.count).toHaveText('1 запись');
  await expect(history.cell(0, 2)).toHaveText('4827');

  await history.search.fill('елкина');
  await expect(history.count).toHaveText('1 запись');
  // The name, with the OS account and computer under it.
  await expect(history.cell(0, 6)).toHaveText(`Анна Ёлкина${ACCOUNT}`);
  await history.search.fill('БОР');
  await expect(history.count).toHaveText('2 записи');
  await expect(history.searchHint).toHaveText('');

  for (const short of ['9', '91', 'а']) {
    await history.search.fill(short);
    await expect(history.searchHint).toHaveText('Слишком коротко для поиска: нужно хотя бы 3 цифры номера или 2 буквы имени. Показаны все записи.');
    await expect(history.count).toHaveText('3 записи');
  }
  await expect(history.search).toHaveAccessibleDescription(/Слишком коротко для поиска/);
  await page.getByLabel('Язык').selectOption('en');
  await expect(page.getByTestId('search-hint')).toHaveText('Too short to search: type at least 3 digits of a number or 2 letters of a name. All records are shown.');
});

test.describe('in a browser whose own locale is American English', () => {
  test.use({ locale: 'en-US' });

  test('date filters are written as the app language writes dates, whatever the browser locale', async ({ page, host: _host }) => {
    const history = historyScreen(page);
    await sendAll(page, '+7 900 123-45-67');
    await goTo(page, 'history');
    await expect(history.from).toHaveAttribute('placeholder', 'ДД.ММ.ГГГГ');
    await expect(history.from).toHaveAccessibleDescription('Дата в виде ДД.ММ.ГГГГ');
    const [day, month, year] = await page.evaluate(() => {
      const now = new Date();
      return [now.getDate(), now.getMonth() + 1, now.getFullYear()].map((n) => String(n).padStart(2, '0'));
    });
    await history.from.fill(`${day}.${month}.${year}`);
    await expect(history.count).toHaveText('1 запись');
    await history.to.fill(`${day}.${month}.${Number(year) - 1}`);
    await expect(history.count).toHaveText('0 записей');
    await expect(page.getByRole('alert')).toHaveText('Дата «по» раньше даты «с»: в такой промежуток ничего не попадёт.');

    // Something that is not a date says so and does not filter.
    await history.to.fill('31.02.2020');
    await expect(history.to).toHaveAttribute('aria-invalid', 'true');
    await expect(history.to).toHaveAccessibleDescription(/Не похоже на дату: введите её как ДД\.ММ\.ГГГГ/);
    await expect(history.count).toHaveText('1 запись');

    // In English the same day reads month first, and the field is rewritten in that order.
    await page.getByLabel('Язык').selectOption('en');
    const from = page.getByLabel('From', { exact: true });
    await expect(from).toHaveValue(`${month}/${day}/${year}`);
    await expect(from).toHaveAttribute('placeholder', 'MM/DD/YYYY');
    await from.fill(`${month}/${day}/${year}`);
    await expect(page.getByTestId('history-count')).toHaveText('1 record');
  });
});

test('filters by outcome and by date range, with the whole of the "to" day included', async ({ page, host: _host }) => {
  const history = historyScreen(page);
  await sendAll(page, '+7 900 123-45-67', RATE_LIMITED, '+7 900 123-45-68');
  await goTo(page, 'history');
  await expect(history.count).toHaveText('3 записи');

  await history.pickOutcome('Превышен лимит');
  await expect(history.outcomeButton).toHaveAccessibleName('Результат: Выбран 1');
  await expect(history.count).toHaveText('1 запись');
  await expect(history.cell(0, 1)).toHaveText(RATE_LIMITED);
  await expect(history.cell(0, 3)).toHaveText(/Превышен лимит/);

  await history.pickOutcome('Отправлен');
  await expect(history.count).toHaveText('3 записи');
  await history.clearFilters.click();

  await history.from.fill('01.01.2020');
  await history.to.fill('31.01.2020');
  await expect(history.count).toHaveText('0 записей');
  await expect(page.getByText('По этим фильтрам ничего не найдено.')).toBeVisible();
  await expect(history.rows).toHaveCount(0);

  // Today's sends are inside a range that ends today: "to" means the end of that day.
  const today = await page.evaluate(() => new Date().toLocaleDateString('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' }));
  await history.from.fill(today);
  await history.to.fill(today);
  await expect(history.count).toHaveText('3 записи');

  await history.clearFilters.click();
  await expect(history.from).toHaveValue('');
  await expect(history.count).toHaveText('3 записи');
});

test('the details of a send show every recorded field; Esc closes them and focus returns to the row', async ({ page, host: _host }) => {
  const history = historyScreen(page);
  await sendAll(page, { phone: '+7 900 123-45-67', code: '1234' });
  await goTo(page, 'history');

  await history.rows.first().click();
  const dialog = page.getByRole('dialog', { name: 'Отправка на +7 900 123-45-67' });
  await expect(dialog).toBeVisible();
  // It opens at its top: the title has the focus, and Tab goes on to the buttons below the fields.
  await expect(dialog.getByRole('heading', { name: 'Отправка на +7 900 123-45-67' })).toBeFocused();
  await expect(field(dialog, 'Время')).toHaveText(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2}/);
  await expect(field(dialog, 'Телефон')).toHaveText('+7 900 123-45-67');
  await expect(field(dialog, 'Код')).toHaveText('1234');
  await expect(field(dialog, 'Откуда код')).toHaveText('Свой код');
  await expect(field(dialog, 'Результат')).toHaveText(/Отправлен/);
  await expect(field(dialog, 'Доставка')).toHaveText('Код отправлен');
  await expect(field(dialog, 'HTTP-статус')).toHaveText('200');
  await expect(field(dialog, 'Статус (status)')).toHaveText('да');
  await expect(field(dialog, 'Пояснение (status_info)')).toHaveText('send ok');
  await expect(field(dialog, 'Оператор связи (operator_name)')).toHaveText(OPERATORS);
  await expect(field(dialog, 'Канал')).toHaveText('telegram');
  await expect(field(dialog, 'ID в сервисе')).toHaveText(/^\d+$/);
  await expect(field(dialog, 'Ошибка')).toHaveText(NO_VALUE);
  await expect(field(dialog, 'Длительность')).toHaveText(/^\d+ мс$|\d с$/);
  await expect(field(dialog, 'Режим')).toHaveText('Песочница (встроенный симулятор)');
  await expect(field(dialog, 'Отправил')).toHaveText('QA');
  await expect(field(dialog, 'Учётная запись ОС')).toHaveText(DESK.osUser);
  await expect(field(dialog, 'Компьютер')).toHaveText(DESK.host);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(history.rows.first()).toBeFocused();
});

test('details explain a refused send and one whose outcome is unknown', async ({ page, host: _host, sim }) => {
  const history = historyScreen(page);
  await sendAll(page, RATE_LIMITED);
  await sim.queueFaults('drop');
  await sendAll(page, '+7 900 123-45-67');
  await goTo(page, 'history');
  await expect(history.count).toHaveText('2 записи');

  await expect(history.cell(0, 3)).toHaveText(/Сбой связи/);
  await expect(history.cell(0, 2)).toHaveText(NO_VALUE);
  await history.rows.nth(0).click();
  let dialog = page.getByRole('dialog', { name: 'Отправка на +7 900 123-45-67' });
  await expect(field(dialog, 'Доставка')).toContainText('Неизвестно');
  await expect(field(dialog, 'Доставка')).toContainText('Код мог быть отправлен, а мог и нет');
  await expect(field(dialog, 'Ошибка')).not.toHaveText(NO_VALUE);
  await dialog.getByRole('button', { name: 'Закрыть' }).click();
  await expect(dialog).toBeHidden();

  await history.rows.nth(1).click();
  dialog = page.getByRole('dialog', { name: `Отправка на ${RATE_LIMITED}` });
  await expect(field(dialog, 'Результат')).toHaveText(/Превышен лимит/);
  await expect(field(dialog, 'Доставка')).toHaveText('Код не отправлен');
  await expect(field(dialog, 'HTTP-статус')).toHaveText('429');
  await expect(field(dialog, 'Ошибка')).toContainText('too many requests');
  await expect(field(dialog, 'Оператор связи (operator_name)')).toHaveText(NO_VALUE);
});

test('rows are reachable by keyboard: arrows move, Enter opens the details', async ({ page, host: _host }) => {
  const history = historyScreen(page);
  await sendAll(page, '+7 900 123-45-67', '+7 900 123-45-68', '+7 900 123-45-69');
  await goTo(page, 'history');
  await expect(history.rows).toHaveCount(3);

  await expect(history.rows.first()).toHaveAttribute('tabindex', '0');
  await history.rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(history.rows.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(history.rows.nth(2)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(history.rows.nth(1)).toBeFocused();
  await expect(history.rows.nth(1)).toHaveAttribute('tabindex', '0');
  await expect(history.rows.nth(0)).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Отправка на +7 900 123-45-68' })).toBeVisible();
});

test('moving past the last row leaves no focus move pending: typing in the search box stays there', async ({ page, host: _host }) => {
  const history = historyScreen(page);
  await sendAll(page, '+7 900 123-45-67', '+7 900 123-45-68', '+7 900 555-00-00');
  await goTo(page, 'history');
  await expect(history.rows).toHaveCount(3);

  await history.rows.first().focus();
  await page.keyboard.press('End');
  await expect(history.rows.nth(2)).toBeFocused();
  // Already on the last row: this press moves nothing.
  await page.keyboard.press('End');
  await tabTo(page, history.search, { backwards: true });
  await page.keyboard.type('123');
  // The filter is applied (and the grid's active row is back on the first) while the operator types on.
  await expect(history.count).toHaveText('2 записи');
  await page.keyboard.type('4567');
  await expect(history.search).toBeFocused();
  await expect(history.search).toHaveValue('1234567');
  await expect(history.count).toHaveText('1 запись');
});

test('the grid is one Tab stop: the active row, its "show code" button, then out; arrows work from the button', async ({ page, host }) => {
  const history = historyScreen(page);
  const old = Date.now() - 10 * MINUTE;
  await restartWithHistory(host, [1, 2, 3].map((id) => recordLine(id, { code: `100${id}`, startedAt: old + id })));
  await goTo(page, 'history');
  await expect(history.table.getByRole('button', { name: /^Показать код для/ })).toHaveCount(3);

  await history.rows.first().focus();
  await page.keyboard.press('Tab');
  await expect(history.rows.nth(0).getByRole('button')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(history.rows.nth(1)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(history.rows.nth(1).getByRole('button')).toBeFocused();
  // Out of the grid with one more press, not through every other row's button.
  await page.keyboard.press('Tab');
  await expect(history.table.locator(':focus')).toHaveCount(0);
});

test('a code shown from the grid takes the focus from its button and keeps it while scrolled away', async ({ page, host }) => {
  const history = historyScreen(page);
  const old = Date.now() - 10 * MINUTE;
  await restartWithHistory(host, Array.from({ length: 200 }, (_, id) => recordLine(id, { code: '4321', startedAt: old + id })));
  await goTo(page, 'history');
  await history.rows.nth(2).getByRole('button', { name: /^Показать код для/ }).click();
  const focused = page.locator(':focus');
  await expect(focused).toHaveText('4321');

  await history.table.hover();
  await page.mouse.wheel(0, 3_000);
  await expect(history.table.getByRole('row', { name: /\+7 900 000-01-20/ })).toBeVisible();
  await expect(focused).toHaveText('4321');
  await expect(focused.locator('xpath=ancestor::*[@role="row"]')).toHaveAttribute('data-index', '2');
  await page.keyboard.press('ArrowDown');
  await expect(history.table.locator('[role="row"][data-index="3"]')).toBeFocused();
});

test('when a shown code expires only its page is read again; the other rows stay and are not fetched anew', async ({ page, host }) => {
  const history = historyScreen(page);
  const now = Date.now();
  const total = 150;
  await restartWithHistory(
    host,
    Array.from({ length: total }, (_, id) =>
      // The newest send's code is still on the person's screen for another minute.
      id === total - 1 ? recordLine(id, { code: '2468', startedAt: now - 30_000 }) : recordLine(id, { startedAt: now - (total - id) * MINUTE }),
    ),
  );
  await page.clock.install();
  let serviceHidesCode = false;
  const offsetsRead: number[] = [];
  await page.route('**/__ipc/history:page', async (route) => {
    const { offset } = route.request().postDataJSON() as { offset: number };
    offsetsRead.push(offset);
    if (!serviceHidesCode || offset !== 0) return route.continue();
    // What the service answers once the 90 seconds are over.
    const response = await route.fetch();
    const envelope = (await response.json()) as { value: { rows: Record<string, unknown>[] } };
    envelope.value.rows[0] = { ...envelope.value.rows[0], code: null, codeHidden: true };
    await route.fulfill({ response, json: envelope });
  });
  await goTo(page, 'history');
  await expect(history.cell(0, 2)).toHaveText('2468');
  // Visit the oldest rows, so their page is cached too, and come back.
  await history.rows.first().focus();
  await page.keyboard.press('End');
  await expect(history.table.getByRole('row', { name: /\+7 900 000-00-00/ })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(history.cell(0, 2)).toHaveText('2468');

  serviceHidesCode = true;
  offsetsRead.length = 0;
  await page.clock.fastForward(61_000);
  await expect(history.cell(0, 2)).toHaveText('Показать');
  expect(offsetsRead).toEqual([0]);
  await page.keyboard.press('End');
  await expect(history.table.getByRole('row', { name: /\+7 900 000-00-00/ })).toBeFocused();
  expect(offsetsRead).toEqual([0]);
});

test('a text selection dragged out of the details does not close them; a click on the backdrop does', async ({ page, host: _host }) => {
  const history = historyScreen(page);
  await sendAll(page, '+7 900 123-45-67');
  await goTo(page, 'history');
  await history.rows.first().click();
  const dialog = page.getByRole('dialog', { name: 'Отправка на +7 900 123-45-67' });
  await expect(dialog).toBeVisible();

  const phone = await field(dialog, 'Телефон').boundingBox();
  if (!phone) throw new Error('the phone field is not on screen');
  await page.mouse.move(phone.x + 2, phone.y + phone.height / 2);
  await page.mouse.down();
  await page.mouse.move(5, 5, { steps: 5 });
  await page.mouse.up();
  await expect(dialog).toBeVisible();

  await page.mouse.click(5, 5);
  await expect(dialog).toBeHidden();
});

test('export takes the filters on screen, even before the table has caught up with them', async ({ page, host: _host }) => {
  const history = historyScreen(page);
  await sendAll(page, '+7 900 123-45-67', '+7 900 765-43-21');
  await goTo(page, 'history');
  await expect(history.count).toHaveText('2 записи');

  // The table's next read is held back, so the filter typed below is not applied to it yet.
  let answer!: () => void;
  const held = new Promise<void>((resolve) => (answer = resolve));
  await page.route('**/__ipc/history:page', async (route) => {
    await held;
    await route.continue();
  });
  await history.search.fill('9001234567');
  await history.exportButton.click();
  await expect(history.notice).toHaveText(/^Сохранена 1 запись в файл tg-code-history-[\d-]+\.csv\.$/);
  answer();
  await expect(history.count).toHaveText('1 запись');
});

test('"send again" opens the send screen with the number filled in, ready to send', async ({ page, host: _host, sim }) => {
  const history = historyScreen(page);
  // No cooldown: the repeat within 90 s is then asked about, and confirmed.
  await api(page).updateSettings({ cooldownSeconds: 0 });
  await page.clock.install();
  await sendAll(page, '8 900 123 45 67');
  await goTo(page, 'history');
  await history.rows.first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Отправить ещё раз на этот номер' }).click();

  await expect(page.getByRole('button', { name: 'Отправка' })).toHaveAttribute('aria-current', 'page');
  const screen = sendScreen(page);
  await expect(screen.phone).toHaveValue('+7 900 123-45-67');
  // The send screen ignores the same request for a moment after the last one, as a double click.
  await page.clock.fastForward(REPEAT_GUARD_MS);
  await screen.sendButton.click();
  await page.getByRole('alertdialog', { name: 'Отправить ещё один код?' }).getByRole('button', { name: 'Отправить ещё' }).click();
  await expect(screen.result).toContainText('+7 900 123-45-67');
  await expect.poll(async () => (await sim.requests()).map((request) => request.phone)).toEqual(['79001234567', '79001234567']);

  await goTo(page, 'history');
  await expect(history.count).toHaveText('2 записи');
});

test('export writes the filtered history as Excel-ready CSV with formula-like values neutralised', async ({ page, host }) => {
  const history = historyScreen(page);
  await api(page).updateSettings({ operatorName: '=HYPERLINK(1)', csvDelimiter: ';' });
  await sendAll(page, { phone: '+7 900 123-45-67', code: '1234' }, RATE_LIMITED);
  await goTo(page, 'history');
  await expect(history.count).toHaveText('2 записи');
  await expect(history.cell(0, 6)).toHaveText(`=HYPERLINK(1)${ACCOUNT}`);

  await history.exportButton.click();
  await expect(history.notice).toHaveText(/^Сохранены 2 записи в файл tg-code-history-[\d-]+\.csv\.$/);
  const fileName = /(tg-code-history-[\d-]+\.csv)/.exec((await history.notice.textContent()) ?? '')?.[1] ?? '';
  expect(await readdir(path.join(host.dataDir, 'exports'))).toContain(fileName);

  const { text, rows } = await readExport(host.dataDir, fileName);
  expect(text.startsWith('\ufeff')).toBe(true);
  const [header, ...data] = rows;
  expect(header).toEqual(expect.arrayContaining(['Время', 'Телефон', 'Код', 'Результат', 'Оператор связи', 'Отправил']));
  // ';' separates the columns: every line splits into exactly the header's number of cells.
  for (const line of text.replace(/^\ufeff/, '').trim().split('\r\n')) expect(line.split(';')).toHaveLength(header?.length ?? 0);
  expect(data).toHaveLength(2);
  const column = (name: string) => header?.indexOf(name) ?? -1;
  // Compared by digits: how the phone is written for Excel is the export's choice.
  const phone = (row: string[] | undefined) => row?.[column('Телефон')]?.replace(/\D/g, '');
  expect(phone(data[0])).toBe('79000000429');
  expect(phone(data[1])).toBe('79001234567');
  expect(data[1]?.[column('Код')]).toBe('1234');
  // Excel must not run the operator name as a formula.
  const sentBy = data[0]?.[column('Отправил')] ?? '';
  expect(sentBy).toContain('=HYPERLINK(1)');
  expect(sentBy).not.toMatch(/^[=+\-@]/);

  await history.pickOutcome('Превышен лимит');
  await expect(history.count).toHaveText('1 запись');
  await history.exportButton.click();
  await expect(history.notice).toHaveText(/^Сохранена 1 запись в файл tg-code-history-[\d-]+\.csv\.$/);
  const filteredName = /(tg-code-history-[\d-]+\.csv)/.exec((await history.notice.textContent()) ?? '')?.[1] ?? '';
  const filtered = await readExport(host.dataDir, filteredName);
  expect(filtered.rows).toHaveLength(2);
  expect(phone(filtered.rows[1])).toBe('79000000429');
});

test('clearing the history asks first, with Cancel focused, and empties it only when confirmed', async ({ page, host }) => {
  const history = historyScreen(page);
  await sendAll(page, '+7 900 123-45-67', '+7 900 123-45-68');
  await goTo(page, 'history');
  await expect(history.count).toHaveText('2 записи');

  await history.clearButton.click();
  const dialog = page.getByRole('dialog', { name: 'Очистить всю историю?' });
  await expect(dialog).toBeVisible();
  const cancel = dialog.getByRole('button', { name: 'Отмена' });
  await expect(cancel).toBeFocused();
  // Enter on the default button keeps everything.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(history.clearButton).toBeFocused();
  await expect(history.count).toHaveText('2 записи');

  await history.clearButton.click();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(history.count).toHaveText('2 записи');

  await history.clearButton.click();
  await dialog.getByRole('button', { name: 'Удалить все записи' }).click();
  await expect(history.notice).toHaveText('История очищена: удалены 2 записи.');
  // The clear button is disabled now: the focus waits on what happened instead of falling to the page.
  await expect(history.notice).toBeFocused();
  await expect(history.count).toHaveText('0 записей');
  await expect(page.getByText('Отправок пока нет.')).toBeVisible();
  await expect(history.clearButton).toBeDisabled();
  await expect(history.exportButton).toBeDisabled();

  await host.restart();
  await goTo(page, 'history');
  await expect(history.count).toHaveText('0 записей');
});

test('a code the history is set not to keep is marked as not kept', async ({ page, host: _host }) => {
  const history = historyScreen(page);
  await api(page).updateSettings({ keepCodes: false });
  await sendAll(page, '+7 900 123-45-67');
  await goTo(page, 'history');
  await expect(history.cell(0, 3)).toHaveText(/Отправлен/);
  await expect(history.cell(0, 2)).toHaveText('не сохранён');
});

test('damaged lines in the history file are reported calmly and the file is left as it was', async ({ page, host }) => {
  const history = historyScreen(page);
  await sendAll(page, '+7 900 123-45-67', '+7 900 123-45-68');
  const file = path.join(host.dataDir, 'history', 'history.jsonl');
  await appendFile(file, 'this line is not a record\n');
  const size = (await stat(file)).size;

  await host.restart();
  await goTo(page, 'history');
  await expect(history.count).toHaveText('2 записи');
  await expect(page.getByRole('note')).toHaveText('1 повреждённая строка в файле истории пропущена. Файл не изменён.');
  expect((await stat(file)).size).toBe(size);
});

test('a long history is fetched page by page as it scrolls, never all at once', async ({ page, host }) => {
  const history = historyScreen(page);
  const total = 20_000;
  const start = Date.now() - total * 60_000;
  await restartWithHistory(host, Array.from({ length: total }, (_, id) => recordLine(id, { startedAt: start + id * 60_000 })));

  const pageRequests: { offset: number; limit: number }[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/__ipc/history:page')) pageRequests.push(request.postDataJSON() as { offset: number; limit: number });
  });
  await goTo(page, 'history');
  await expect(history.count).toHaveText('20 000 записей');
  await expect(history.cell(0, 1)).toHaveText('+7 900 001-99-99');
  // Only the rows in view (and a few around them) are in the page.
  expect(await history.rows.count()).toBeLessThan(60);

  await history.rows.first().focus();
  await page.keyboard.press('End');
  await expect(history.table.getByRole('row', { name: /\+7 900 000-00-00/ })).toBeFocused();
  expect(await history.rows.count()).toBeLessThan(60);
  expect(pageRequests.length).toBeGreaterThan(0);
  expect(pageRequests.length).toBeLessThan(10);
  for (const request of pageRequests) expect(request.limit).toBeLessThanOrEqual(100);
});

test('a code older than its 90 seconds stays hidden until the operator asks to see it', async ({ page, host }) => {
  const history = historyScreen(page);
  await restartWithHistory(host, [recordLine(1, { code: '5678', startedAt: Date.now() - 10 * 60_000, phone: '79001234567' })]);
  await goTo(page, 'history');
  await expect(history.count).toHaveText('1 запись');
  await expect(history.rows.first()).not.toContainText('5678');
  await expect(history.rows.first().getByRole('button', { name: 'Показать код для +7 900 123-45-67' })).toBeVisible();

  await history.cell(0, 0).click();
  const dialog = page.getByRole('dialog', { name: 'Отправка на +7 900 123-45-67' });
  await expect(field(dialog, 'Код')).not.toContainText('5678');
  await dialog.getByRole('button', { name: 'Показать код для +7 900 123-45-67' }).click();
  await expect(field(dialog, 'Код')).toHaveText('5678');
  await page.keyboard.press('Escape');
  // The table shows it too, and it stays shown when the history is read again.
  await expect(history.cell(0, 2)).toHaveText('5678');
  await goTo(page, 'send');
  await goTo(page, 'history');
  await expect(history.cell(0, 2)).toHaveText('5678');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} colours`, () => {
    test.use({ colorScheme });

    test('the history screen and its dialogs pass an accessibility scan', async ({ page, host: _host, sim }) => {
      // Several whole-page axe scans: each takes seconds on a busy machine.
      test.slow();
      const history = historyScreen(page);
      await sendAll(page, '+7 900 123-45-67', RATE_LIMITED);
      await sim.queueFaults('drop');
      await sendAll(page, '+7 900 123-45-68');
      await goTo(page, 'history');
      await expect(history.rows).toHaveCount(3);
      expect(await seriousViolations(page, 'main')).toEqual([]);

      await history.outcomeButton.click();
      await expect(page.getByRole('checkbox', { name: 'Превышен лимит' })).toBeVisible();
      expect(await seriousViolations(page, 'main')).toEqual([]);
      await page.keyboard.press('Escape');

      await history.rows.first().click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await seriousViolations(page, 'dialog')).toEqual([]);
      await page.keyboard.press('Escape');

      await history.clearButton.click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await seriousViolations(page, 'dialog')).toEqual([]);
    });
  });
}
