import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startSimulator } from '../../electron/core/api/simulator.ts';
import { api, expect, goTo, NO_VALUE, OTHER_TOKEN, sandboxBanner, seriousViolations, tabTo, test, TOKEN } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

/** The token panel as the operator sees it. */
function tokenPanel(page: Page) {
  const panel = page.getByRole('region', { name: 'Токен доступа к API' });
  return {
    panel,
    state: panel.getByTestId('token-state'),
    hint: panel.getByTestId('token-hint'),
    field: panel.getByLabel(/^(Новый т|Т)окен доступа$/),
    weakCheckbox: panel.getByRole('checkbox', { name: 'Всё равно хранить на диске (слабая защита)' }),
    message: panel.getByRole('status'),
    async enter(token: string, button: 'Сохранить токен' | 'Заменить токен') {
      await this.field.fill(token);
      await panel.getByRole('button', { name: button }).click();
    },
  };
}

const SAVE = {
  ru: { operator: 'Сохранить мои настройки', admin: 'Сохранить настройки рабочего места' },
  en: { operator: 'Save my settings', admin: 'Save workplace settings' },
};

/** Presses the Save of one group: the operator's own settings, or the workplace settings IT sets. */
async function save(page: Page, group: 'operator' | 'admin', language: keyof typeof SAVE = 'ru') {
  await page.getByRole('button', { name: SAVE[language][group], exact: true }).click();
}

test.describe('token panel', () => {
  // Production, as an operator works: the token decides whether anything can be sent.
  test.use({ chosenMode: 'production' });

  test('sets, replaces and removes the token; only its last four characters ever reach the page', async ({ page, host: _host }) => {
    const ipcBodies: Promise<string>[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/__ipc/')) ipcBodies.push(response.text());
    });
    const assertNoTokenInPage = async () => {
      const html = await page.content();
      const storage = await page.evaluate(() => JSON.stringify([{ ...globalThis.localStorage }, { ...globalThis.sessionStorage }]));
      for (const token of [TOKEN, OTHER_TOKEN]) {
        expect(html).not.toContain(token);
        expect(storage).not.toContain(token);
      }
    };
    await goTo(page, 'settings');
    const token = tokenPanel(page);
    await expect(token.state).toHaveText('Не задан');
    await expect(token.hint).toHaveText(NO_VALUE);

    await token.enter(TOKEN, 'Сохранить токен');
    await expect(token.state).toHaveText('Сохранён надёжно');
    await expect(token.hint).toHaveText('••••-…-d4b4');
    await expect(token.message).toHaveText('Токен сохранён.');
    await expect(token.field).toHaveValue('');
    await expect(sandboxBanner(page)).toHaveCount(0);
    await assertNoTokenInPage();

    await token.enter(OTHER_TOKEN, 'Заменить токен');
    await expect(token.hint).toHaveText('••••-…-3c4d');
    await expect(token.state).toHaveText('Сохранён надёжно');
    await assertNoTokenInPage();

    // The confirmation takes focus, Escape backs out, and the token stays.
    const remove = token.panel.getByRole('button', { name: 'Удалить токен' });
    await remove.click();
    await expect(token.panel.getByRole('button', { name: 'Отмена' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(remove).toBeFocused();
    expect(await api(page).token()).toMatchObject({ state: 'stored', hint: '3c4d' });

    await remove.click();
    await expect(token.panel.getByText('Удалить токен? Пока вы не введёте новый, отправка в рабочем режиме невозможна.')).toBeVisible();
    await token.panel.getByRole('button', { name: 'Да, удалить' }).click();
    await expect(token.state).toHaveText('Не задан');
    await expect(token.hint).toHaveText(NO_VALUE);
    await expect(token.message).toHaveText('Токен удалён.');
    // Still production: without a token sends are refused, never quietly simulated.
    await expect(sandboxBanner(page)).toHaveCount(0);
    expect(await api(page).token()).toMatchObject({ state: 'none', hint: null });
    await assertNoTokenInPage();

    const bodies = await Promise.all(ipcBodies);
    // The capture works (it saw the hints), and no reply from main ever carried a whole token.
    expect(bodies.some((body) => body.includes('"hint":"d4b4"'))).toBe(true);
    for (const body of bodies) {
      expect(body).not.toContain(TOKEN);
      expect(body).not.toContain(OTHER_TOKEN);
    }
  });

  test('"show" reveals only what is being typed now, and is reset once it is saved', async ({ page, host: _host }) => {
    await goTo(page, 'settings');
    const token = tokenPanel(page);
    const show = token.panel.getByRole('button', { name: 'Показать' });
    await token.field.fill(TOKEN);
    await show.click();
    await expect(token.field).toHaveAttribute('type', 'text');
    await token.panel.getByRole('button', { name: 'Сохранить токен' }).click();
    await expect(token.state).toHaveText('Сохранён надёжно');
    await expect(token.field).toHaveValue('');
    await expect(token.field).toHaveAttribute('type', 'password');
    await expect(show).toHaveAttribute('aria-pressed', 'false');
  });

  test('a token in the wrong format gets a clear inline error and changes nothing', async ({ page, host: _host }) => {
    await goTo(page, 'settings');
    const token = tokenPanel(page);
    await token.enter('token 4ee85f4f', 'Сохранить токен');
    await expect(token.panel.getByRole('alert')).toContainText('Это не похоже на токен доступа. Нужен вид xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx');
    await expect(token.field).toHaveAttribute('aria-invalid', 'true');
    await expect(token.field).toBeFocused();
    await expect(token.state).toHaveText('Не задан');

    await token.field.fill('');
    await token.panel.getByRole('button', { name: 'Сохранить токен' }).click();
    await expect(token.panel.getByRole('alert')).toHaveText('Вставьте токен в поле.');
    expect(await api(page).token()).toMatchObject({ state: 'none' });
  });

  test('without a keyring it warns plainly and keeps the token for this session unless told otherwise', async ({ page, host }) => {
    await host.restart({ TGCODE_HOST_KEYRING: 'basic_text' });
    await goTo(page, 'settings');
    const token = tokenPanel(page);
    await expect(token.panel.getByText('нет системного хранилища паролей (Linux без keyring)')).toBeVisible();
    await expect(token.weakCheckbox).not.toBeChecked();

    await token.enter(TOKEN, 'Сохранить токен');
    await expect(token.state).toHaveText('Только на этот сеанс');
    await expect(token.hint).toHaveText('••••-…-d4b4');
    await expect(token.message).toHaveText('Токен сохранён только на этот сеанс.');
    await host.restart();
    await goTo(page, 'settings');
    await expect(token.state).toHaveText('Не задан');

    await token.weakCheckbox.check();
    await token.enter(TOKEN, 'Сохранить токен');
    await expect(token.state).toHaveText('Сохранён на диске, слабая защита');
    await host.restart();
    await goTo(page, 'settings');
    await expect(token.state).toHaveText('Сохранён на диске, слабая защита');
    await expect(token.hint).toHaveText('••••-…-d4b4');
  });

  test('a token from TGCODE_TOKEN is shown read-only, with how to change it', async ({ page, host }) => {
    await host.restart({ TGCODE_TOKEN: TOKEN });
    await goTo(page, 'settings');
    const token = tokenPanel(page);
    await expect(token.state).toHaveText('Из переменной окружения');
    await expect(token.panel).toContainText('TGCODE_TOKEN');
    await expect(token.panel.getByRole('textbox')).toHaveCount(0);
    await expect(token.panel.getByRole('button')).toHaveCount(0);
    expect(await page.content()).not.toContain(TOKEN);
  });
});

test.describe('settings form', () => {
  test.use({ chosenMode: 'production' });

  test('returning to the settings shows them at once, and takes in what a fresh read brings', async ({ page, host: _host }) => {
    await goTo(page, 'settings');
    const operator = page.getByLabel('Имя оператора');
    await expect(operator).toBeVisible();
    const before = await operator.inputValue();
    await goTo(page, 'send');

    // Main is slow to answer this time, and the name was changed meanwhile.
    let answer!: () => void;
    const slow = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/__ipc/settings:get', async (route) => {
      await slow;
      await route.continue();
    });
    await api(page).updateSettings({ operatorName: 'Вера' });
    await goTo(page, 'settings');
    await expect(operator).toHaveValue(before);
    await expect(tokenPanel(page).state).toHaveText('Не задан');

    answer();
    await expect(operator).toHaveValue('Вера');
    await expect(page.getByText('Есть несохранённые изменения.')).toHaveCount(0);
  });

  test('a new API address removes the stored token: the form says so first, and the panel and banner follow', async ({ page, host: _host }) => {
    await goTo(page, 'settings');
    const token = tokenPanel(page);
    await token.enter(TOKEN, 'Сохранить токен');
    await expect(token.state).toHaveText('Сохранён надёжно');
    await expect(sandboxBanner(page)).toHaveCount(0);

    const address = page.getByLabel('Адрес API');
    await expect(address).toHaveAccessibleDescription(/Если изменить адрес, сохранённый токен удаляется/);
    await address.fill('http://127.0.0.1:9/api/v1/authcalls');
    await save(page, 'admin');
    await expect(page.getByText('Настройки сохранены. Адрес API изменился, поэтому сохранённый токен удалён — введите его снова.')).toBeVisible();
    await expect(token.state).toHaveText('Не задан');
    await expect(token.hint).toHaveText(NO_VALUE);
    // "Token saved." from before would now contradict the panel.
    await expect(token.message).toBeEmpty();
    await expect(sandboxBanner(page)).toHaveCount(0);
    expect(await api(page).token()).toMatchObject({ state: 'none', hint: null });
  });

  test('switching the mode shows and hides the sandbox banner', async ({ page, host: _host }) => {
    await goTo(page, 'settings');
    await tokenPanel(page).enter(TOKEN, 'Сохранить токен');
    await expect(sandboxBanner(page)).toHaveCount(0);

    await page.getByRole('radio', { name: /^Тестовый/ }).check();
    await save(page, 'admin');
    await expect(page.getByText('Настройки сохранены.')).toBeVisible();
    await expect(sandboxBanner(page)).toContainText('Тестовый режим выбран в настройках.');

    await page.getByRole('radio', { name: /^Рабочий/ }).check();
    await save(page, 'admin');
    await expect(sandboxBanner(page)).toHaveCount(0);
    expect((await api(page).settings()).settings.mode).toBe('production');
  });

  test('method, phone prefix and timeout reach the API as chosen', async ({ page, host }) => {
    const simulator = await startSimulator({ tokens: [TOKEN] });
    try {
      await host.restart({ TGCODE_API_BASE: simulator.baseUrl });
      await goTo(page, 'settings');
      await tokenPanel(page).enter(TOKEN, 'Сохранить токен');
      await page.getByRole('radio', { name: 'POST' }).check();
      await page.getByRole('radio', { name: /^8XXXXXXXXXX/ }).check();
      await page.getByLabel('Время ожидания ответа, секунд').fill('20');
      await save(page, 'admin');
      await expect(page.getByText('Настройки сохранены.')).toBeVisible();
      expect((await api(page).settings()).settings).toMatchObject({ method: 'POST', phonePrefix: '8', timeoutMs: 20_000 });

      await goTo(page, 'send');
      await sendScreen(page).send('+7 924 355-51-00');
      expect(simulator.requests).toEqual([{ method: 'POST', phone: '89243555100', code: null }]);
    } finally {
      await simulator.close();
    }
  });

  test('changing the interface language switches the texts and the page language', async ({ page, host: _host }) => {
    await goTo(page, 'settings');
    await page.getByLabel('Язык интерфейса').selectOption('en');
    await save(page, 'operator');
    await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'API access token' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Send' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    await page.getByLabel('Interface language').selectOption('ru');
    await save(page, 'operator', 'en');
    await expect(page.getByRole('heading', { level: 2, name: 'Настройки' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    expect((await api(page).settings()).settings.language).toBe('ru');
  });

  test('an API address that is not https (or local) is refused with the reason, and nothing is saved', async ({ page, host: _host }) => {
    await goTo(page, 'settings');
    const address = page.getByLabel('Адрес API');
    const before = (await api(page).settings()).settings.apiBaseUrl;

    await address.fill('http://api.example.com/api/v1/authcalls');
    await save(page, 'admin');
    await expect(page.getByText('Адрес должен начинаться с https:// (http:// — только для 127.0.0.1)')).toBeVisible();
    await expect(address).toHaveAttribute('aria-invalid', 'true');
    await expect(address).toBeFocused();
    await expect(page.getByText('Проверьте отмеченные поля.')).toBeVisible();
    expect((await api(page).settings()).settings.apiBaseUrl).toBe(before);

    await address.fill('http://127.0.0.1:8080/api/v1/authcalls/');
    await save(page, 'admin');
    await expect(page.getByText('Настройки сохранены.')).toBeVisible();
    await expect(address).toHaveAttribute('aria-invalid', 'false');
    await expect(address).toHaveValue('http://127.0.0.1:8080/api/v1/authcalls');
    expect((await api(page).settings()).settings.apiBaseUrl).toBe('http://127.0.0.1:8080/api/v1/authcalls');
  });

  test('out-of-range numbers are refused field by field', async ({ page, host: _host }) => {
    await goTo(page, 'settings');
    await page.getByLabel('Время ожидания ответа, секунд').fill('0');
    await page.getByLabel('Сколько дней хранить историю').fill('-3');
    await save(page, 'admin');
    await expect(page.getByText('Укажите число от 1 до 120.')).toBeVisible();
    await expect(page.getByText('Укажите целое число от 0 до 3650.')).toBeVisible();
    expect((await api(page).settings()).settings).toMatchObject({ timeoutMs: 15_000, retentionDays: 0 });

    await page.getByRole('form', { name: 'Рабочее место (настраивает IT)' }).getByRole('button', { name: 'Отменить изменения' }).click();
    await expect(page.getByLabel('Время ожидания ответа, секунд')).toHaveValue('15');
    await expect(page.getByText('Укажите число от 1 до 120.')).toHaveCount(0);
  });

  test('settings that were unreadable on disk are named in a notice until saved again', async ({ page, host }) => {
    await writeFile(path.join(host.dataDir, 'settings.json'), JSON.stringify({ version: 2, firstRunDone: true, mode: 'turbo', timeoutMs: 'fast', operatorName: 'Анна' }));
    await host.restart();
    await goTo(page, 'settings');
    const notice = page.getByRole('alert').filter({ hasText: 'не удалось прочитать' });
    await expect(notice).toContainText('значения по умолчанию: режим работы, время ожидания ответа');
    await expect(page.getByLabel('Время ожидания ответа, секунд')).toHaveValue('15');
    await expect(page.getByLabel('Имя оператора')).toHaveValue('Анна');

    await page.getByLabel('Имя оператора').fill('Анна К.');
    await save(page, 'operator');
    await expect(page.getByText('Настройки сохранены.')).toBeVisible();
    await expect(notice).toHaveCount(0);
    await host.restart();
    await goTo(page, 'settings');
    await expect(page.getByText('не удалось прочитать')).toHaveCount(0);
  });

  test('a setting can be changed with the keyboard alone', async ({ page, host: _host }) => {
    await tabTo(page, page.getByRole('navigation', { name: 'Разделы' }).getByRole('button', { name: 'Настройки' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Настройки' })).toBeVisible();

    const name = page.getByLabel('Имя оператора');
    await tabTo(page, name);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Ирина');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Настройки сохранены.')).toBeVisible();

    await tabTo(page, page.getByRole('radio', { name: /^Точка с запятой/ }));
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: /^Запятая/ })).toBeChecked();
    await expect(page.getByText('Есть несохранённые изменения.')).toBeVisible();
    await tabTo(page, page.getByRole('button', { name: SAVE.ru.admin, exact: true }));
    await page.keyboard.press('Space');
    await expect(page.getByRole('form', { name: 'Рабочее место (настраивает IT)' }).getByText('Настройки сохранены.')).toBeVisible();
    expect((await api(page).settings()).settings).toMatchObject({ operatorName: 'Ирина', csvDelimiter: ',' });
  });
});

test.describe('two groups, each with its own Save', () => {
  const operatorForm = (page: Page) => page.getByRole('form', { name: 'Мои настройки' });
  const adminForm = (page: Page) => page.getByRole('form', { name: 'Рабочее место (настраивает IT)' });

  test('the operator’s own settings and the workplace’s are separate forms holding their own settings', async ({ page, host: _host }) => {
    await goTo(page, 'settings');
    for (const label of ['Язык интерфейса', 'Имя оператора']) await expect(operatorForm(page).getByLabel(label)).toBeVisible();
    await expect(operatorForm(page).getByRole('checkbox', { name: 'Хранить коды в истории' })).toBeVisible();
    for (const label of ['Адрес API', 'Время ожидания ответа, секунд', 'Сколько дней хранить историю']) await expect(adminForm(page).getByLabel(label)).toBeVisible();
    for (const legend of ['Режим работы', 'Метод запроса', 'Как передавать номер в API']) await expect(adminForm(page).getByRole('group', { name: legend })).toBeVisible();
    await expect(operatorForm(page).getByLabel('Адрес API')).toHaveCount(0);
  });

  test('each Save saves its own group only; edits in the other stay on screen, unsaved', async ({ page, host: _host }) => {
    await goTo(page, 'settings');
    await page.getByLabel('Имя оператора').fill('Ирина');
    await page.getByLabel('Время ожидания ответа, секунд').fill('25');
    await save(page, 'operator');
    await expect(operatorForm(page).getByText('Настройки сохранены.')).toBeVisible();
    expect((await api(page).settings()).settings).toMatchObject({ operatorName: 'Ирина', timeoutMs: 15_000 });
    await expect(page.getByLabel('Время ожидания ответа, секунд')).toHaveValue('25');
    await expect(adminForm(page).getByText('Есть несохранённые изменения.')).toBeVisible();
    await save(page, 'admin');
    await expect(adminForm(page).getByText('Настройки сохранены.')).toBeVisible();
    expect((await api(page).settings()).settings).toMatchObject({ operatorName: 'Ирина', timeoutMs: 25_000 });
  });

  test('the operator name is saved trimmed on one line; control characters and more than 64 are refused', async ({ page, host: _host }) => {
    await goTo(page, 'settings');
    const name = page.getByLabel('Имя оператора');
    await expect(name).toHaveAttribute('maxlength', '64');
    await expect(name).toHaveAccessibleDescription(/Одна строка, не длиннее 64 знаков/);
    // What a paste from a table cell brings along: padding and a tab.
    await name.fill('  Анна\tИванова  ');
    await save(page, 'operator');
    await expect(operatorForm(page).getByText('Настройки сохранены.')).toBeVisible();
    await expect(name).toHaveValue('Анна Иванова');
    expect((await api(page).settings()).settings.operatorName).toBe('Анна Иванова');

    await name.fill('Анна\u202Eанеле');
    await save(page, 'operator');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(name).toHaveAccessibleDescription(/Не длиннее 64 знаков, без управляющих и невидимых символов/);
    expect((await api(page).settings()).settings.operatorName).toBe('Анна Иванова');
    // Main checks it too: a page that skips the form is refused the same way.
    await expect(api(page).updateSettings({ operatorName: 'x'.repeat(65) })).rejects.toThrow(/invalid_request/);
    await expect(api(page).updateSettings({ operatorName: 'Анна\u0007' })).rejects.toThrow(/invalid_request/);
  });

  for (const viewport of [
    { width: 1100, height: 760 },
    { width: 720, height: 560 },
  ]) {
    test(`leaving with unsaved changes asks first, by click or shortcut; staying keeps them (${viewport.width} × ${viewport.height})`, async ({ page, host: _host }) => {
      await page.setViewportSize(viewport);
      await goTo(page, 'settings');
      await page.getByLabel('Имя оператора').fill('Вера');
      await page.getByRole('navigation', { name: 'Разделы' }).getByRole('button', { name: 'История' }).click();
      const dialog = page.getByRole('dialog', { name: 'Уйти без сохранения?' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('button', { name: 'Вернуться к настройкам' })).toBeFocused();
      await expect(dialog.getByRole('button', { name: 'Уйти без сохранения' })).toBeInViewport({ ratio: 1 });
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(page.getByRole('heading', { level: 2, name: 'Настройки' })).toBeVisible();
      await expect(page.getByLabel('Имя оператора')).toHaveValue('Вера');

      await page.keyboard.press('Control+1');
      await expect(dialog).toBeVisible();
      await dialog.getByRole('button', { name: 'Уйти без сохранения' }).click();
      await expect(page.getByRole('heading', { level: 2, name: 'Отправка кода' })).toBeVisible();
      expect((await api(page).settings()).settings.operatorName).toBe('QA');

      // Nothing unsaved: no question.
      await goTo(page, 'settings');
      await expect(page.getByLabel('Имя оператора')).toHaveValue('QA');
      await goTo(page, 'history');
      await expect(dialog).toHaveCount(0);
    });
  }
});

test('closing the window with unsaved settings is held for the question; with nothing unsaved it closes', async ({ page, host: _host }) => {
  await goTo(page, 'settings');
  await page.getByLabel('Имя оператора').fill('Вера');
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  expect(page.isClosed()).toBe(false);
  await expect(page.getByLabel('Имя оператора')).toHaveValue('Вера');

  // Saved: nothing holds the window any more.
  await page.getByRole('button', { name: 'Сохранить мои настройки' }).click();
  await expect(page.getByLabel('Имя оператора')).toHaveValue('Вера');
  let held = false;
  page.on('dialog', (question) => {
    held = true;
    void question.accept();
  });
  await page.close({ runBeforeUnload: true });
  await page.waitForEvent('close');
  expect(held).toBe(false);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the settings screen has no serious accessibility problems (${colorScheme})`, async ({ page, host: _host }) => {
    // Several whole-page axe scans: each takes seconds on a busy machine.
    test.slow();
    await page.emulateMedia({ colorScheme });
    await goTo(page, 'settings');
    expect(await seriousViolations(page)).toEqual([]);

    // With errors showing, a stored token and the removal question open.
    await tokenPanel(page).enter('nonsense', 'Сохранить токен');
    await page.getByLabel('Адрес API').fill('ftp://example.com');
    await save(page, 'admin');
    await expect(page.getByText('Проверьте отмеченные поля.')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await tokenPanel(page).enter(TOKEN, 'Сохранить токен');
    await page.getByRole('button', { name: 'Удалить токен' }).click();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
