import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startSimulator, type Simulator } from '../../electron/core/api/simulator.ts';
import { api, expect, goTo, seriousViolations, test, TOKEN } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

const LOCKED = 'Задано администратором';

/** Writes the policy file into this test's data folder and restarts the app with TGCODE_POLICY_FILE pointing at it. */
async function restartWithPolicy(host: { dataDir: string; restart(env?: Record<string, string>): Promise<void> }, content: string, env: Record<string, string> = {}) {
  const file = path.join(host.dataDir, 'policy.json');
  await writeFile(file, content);
  await host.restart({ TGCODE_POLICY_FILE: file, ...env });
}

const adminForm = (page: Page) => page.getByRole('form', { name: 'Рабочее место (настраивает IT)' });
const operatorForm = (page: Page) => page.getByRole('form', { name: 'Мои настройки' });

test.describe('a valid policy', () => {
  test('shows the settings it names read-only, as set by the administrator; the rest stay the operator’s', async ({ page, host }) => {
    await restartWithPolicy(host, JSON.stringify({ settings: { apiBaseUrl: 'https://api.example.ru/api/v1/authcalls', timeoutMs: 20000, method: 'POST', language: 'ru' } }));
    await goTo(page, 'settings');
    await expect(page.getByTestId('policy-notice')).toHaveText('Часть настроек задаёт администратор (файл политики): они показаны, но изменить их здесь нельзя.');

    const address = page.getByLabel('Адрес API');
    await expect(address).toHaveValue('https://api.example.ru/api/v1/authcalls');
    await expect(address).toHaveAttribute('readonly', '');
    await expect(address).toHaveAccessibleDescription(new RegExp(`^${LOCKED}`));
    await expect(page.getByLabel('Время ожидания ответа, секунд')).toHaveValue('20');
    await expect(page.getByLabel('Время ожидания ответа, секунд')).toHaveAttribute('readonly', '');
    await expect(adminForm(page).getByRole('radio', { name: 'POST' })).toBeChecked();
    await expect(adminForm(page).getByRole('radio', { name: 'GET' })).toBeDisabled();
    await expect(page.getByRole('group', { name: 'Метод запроса' })).toHaveAccessibleDescription(new RegExp(`^${LOCKED}`));
    await expect(page.getByLabel('Язык интерфейса')).toBeDisabled();
    await expect(page.getByLabel('Язык интерфейса')).toHaveAccessibleDescription(LOCKED);
    // The top bar's switch obeys the same lock.
    await expect(page.getByRole('combobox', { name: 'Язык', exact: true })).toBeDisabled();

    // What the policy does not name is still the operator's to change.
    await expect(page.getByLabel('Имя оператора')).toBeEditable();
    await page.getByLabel('Имя оператора').fill('Ирина');
    await operatorForm(page).getByRole('button', { name: 'Сохранить мои настройки' }).click();
    await expect(operatorForm(page).getByText('Настройки сохранены.')).toBeVisible();
    await page.getByLabel('Сколько дней хранить историю').fill('30');
    await adminForm(page).getByRole('button', { name: 'Сохранить настройки рабочего места' }).click();
    await expect(adminForm(page).getByText('Настройки сохранены.')).toBeVisible();
    expect((await api(page).settings()).settings).toMatchObject({ operatorName: 'Ирина', retentionDays: 30, timeoutMs: 20_000, method: 'POST' });

    // Main refuses a locked setting whoever asks.
    await expect(api(page).updateSettings({ timeoutMs: 5000 })).rejects.toThrow(/setting_locked/);
    expect((await api(page).settings()).settings.timeoutMs).toBe(20_000);
    await expect(page.getByTestId('policy-banner')).toHaveCount(0);
  });
});

test.describe('an invalid policy', () => {
  // Locked as it is: the mode in force must be production for the refusal to be seen.
  test.use({ chosenMode: 'production' });
  let simulator: Simulator;
  test.beforeEach(async () => {
    simulator = await startSimulator({ tokens: [TOKEN] });
  });
  test.afterEach(async () => {
    await simulator.close();
  });

  test('is never ignored: a notice on every screen, every setting locked, and no real send until it is fixed', async ({ page, host }) => {
    await restartWithPolicy(host, '{ "settings": { "timeoutMS": 20000 } }', { TGCODE_TOKEN: TOKEN, TGCODE_API_BASE: simulator.baseUrl });
    const banner = page.getByTestId('policy-banner');
    await expect(banner).toHaveText('Файл политики администратора содержит ошибку. Пока его не исправят, все настройки заблокированы, а рабочие отправки остановлены. Сообщите администратору.');
    await expect(banner).toHaveAttribute('role', 'alert');

    const screen = sendScreen(page);
    await screen.phone.fill('+7 924 355-51-00');
    await screen.sendButton.click();
    await expect(screen.result).toContainText('Файл политики администратора содержит ошибку, поэтому рабочие отправки остановлены.');
    expect(simulator.requests).toEqual([]);
    // On record all the same, in the history's words.
    await goTo(page, 'history');
    await expect(page.getByRole('grid').getByRole('row').nth(1)).toContainText('Не отправлено: ошибка в файле политики');

    await goTo(page, 'settings');
    await expect(banner).toBeVisible();
    await expect(page.getByLabel('Имя оператора')).toHaveAttribute('readonly', '');
    await expect(page.getByLabel('Адрес API')).toHaveAttribute('readonly', '');
    await expect(page.getByRole('button', { name: /^Сохранить (мои настройки|настройки рабочего места)$/ })).toHaveCount(0);
    await expect(page.getByText('Все эти настройки задаёт администратор.')).toHaveCount(2);

    // Fixed and restarted: everything is back.
    await restartWithPolicy(host, '{ "settings": { "timeoutMs": 20000 } }');
    await expect(banner).toHaveCount(0);
    await sendScreen(page).send('+7 924 355-51-00');
    await expect(sendScreen(page).result).toContainText('Код отправлен');
    expect(simulator.requests).toHaveLength(1);
  });

  test('the notice reads in English too, and the language it locks cannot be switched', async ({ page, host }) => {
    await api(page).updateSettings({ language: 'en' });
    await restartWithPolicy(host, 'not json');
    await expect(page.getByTestId('policy-banner')).toHaveText('The administrator’s policy file has an error. Until it is fixed, all settings are locked and real sends are stopped. Tell your administrator.');
    await expect(page.getByRole('combobox', { name: 'Language', exact: true })).toBeDisabled();
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`locked settings and the invalid-policy notice have no serious accessibility problems (${colorScheme})`, async ({ page, host }) => {
    // Several whole-page axe scans: each takes seconds on a busy machine.
    test.slow();
    await page.emulateMedia({ colorScheme });
    await restartWithPolicy(host, JSON.stringify({ settings: { apiBaseUrl: 'https://api.example.ru/api/v1/authcalls', mode: 'production', keepCodes: false } }));
    await goTo(page, 'settings');
    await expect(page.getByTestId('locked-note').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await restartWithPolicy(host, 'not json');
    await expect(page.getByTestId('policy-banner')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await goTo(page, 'settings');
    expect(await seriousViolations(page)).toEqual([]);
  });
}
