import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startSimulator } from '../../electron/core/api/simulator.ts';
import { api, expect, goTo, sandboxBanner, seriousViolations, test, TOKEN } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

test.describe('production without a usable token', () => {
  test.use({ chosenMode: 'production' });

  test('a send is refused with "enter the token", nothing is simulated, and the history says not sent', async ({ page, host: _host }) => {
    await expect(sandboxBanner(page)).toHaveCount(0);
    const screen = sendScreen(page);
    await screen.send('+7 924 355-51-00', { code: '4827' });
    await expect(screen.result.getByRole('heading', { name: 'Не удалось отправить' })).toBeVisible();
    await expect(screen.result).toContainText('Токен доступа не задан, поэтому код не отправлен. Введите токен в Настройках или выберите там тестовый режим.');
    await expect(screen.result).toContainText('Код не отправлен.');
    await expect(screen.result.getByRole('heading', { name: 'Код отправлен' })).toHaveCount(0);
    await expect(screen.sentCode).toHaveCount(0);
    await expect(screen.result.getByRole('button', { name: 'Открыть настройки' })).toBeVisible();

    await goTo(page, 'history');
    const row = page.getByRole('grid', { name: 'История отправок' }).getByRole('row').nth(1);
    await expect(row).toContainText('+7 924 355-51-00');
    await expect(row).toContainText('Не отправлено: нет токена');
    await expect(row).not.toContainText('4827');
  });

  test('after the address was changed in settings.json while the app was closed, the token is not sent there', async ({ page, host }) => {
    const entered = await startSimulator({ tokens: [TOKEN] });
    const other = await startSimulator({ tokens: [TOKEN] });
    try {
      await api(page).updateSettings({ apiBaseUrl: entered.baseUrl });
      await api(page).setToken(TOKEN);
      const file = path.join(host.dataDir, 'settings.json');
      // The edit happens between two runs, as on a machine somebody else can reach.
      await host.restart();
      const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      await writeFile(file, JSON.stringify({ ...stored, apiBaseUrl: other.baseUrl }));
      await host.restart();

      const screen = sendScreen(page);
      await screen.send('+7 924 355-51-00');
      await expect(screen.result).toContainText('Адрес API изменился — введите токен снова.');
      expect(other.requests).toEqual([]);
      expect(entered.requests).toEqual([]);

      await goTo(page, 'settings');
      await expect(page.getByTestId('token-state')).toHaveText('Введён для другого адреса API');
      await expect(page.getByRole('region', { name: 'Токен доступа к API' })).toContainText('На новый адрес он не отправляется: введите токен снова.');
    } finally {
      await Promise.all([entered.close(), other.close()]);
    }
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the refusal has no serious accessibility problems (${colorScheme})`, async ({ page, host: _host }) => {
      await page.emulateMedia({ colorScheme });
      await sendScreen(page).send('+7 924 355-51-00');
      await expect(page.getByRole('region', { name: 'Результат отправки' }).getByRole('heading', { name: 'Не удалось отправить' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});

test.describe('sandbox chosen', () => {
  test('the whole result card says no code was sent, as large as the result itself', async ({ page, sim }) => {
    const screen = sendScreen(page);
    await screen.send('+7 924 355-51-00', { code: '4827' });
    expect(await sim.requests()).toHaveLength(1);
    const statement = screen.result.getByRole('heading', { level: 3 });
    const answer = screen.result.getByRole('heading', { level: 4 });
    await expect(statement).toHaveText('Симулятор — код не отправлен');
    await expect(answer).toHaveText('Ответ симулятора: Код отправлен');
    await expect(screen.result.getByText('Код симулятора (никому не отправлен)')).toBeVisible();
    // No heading says the code was sent, and the card is not the green of a real success.
    await expect(screen.result.getByRole('heading', { name: 'Код отправлен', exact: true })).toHaveCount(0);
    type WithStyle = { getComputedStyle(element: unknown): { fontSize: string; fontWeight: string } };
    const weightOf = (heading: typeof statement) =>
      heading.evaluate((element) => {
        const style = (globalThis as unknown as WithStyle).getComputedStyle(element);
        return `${style.fontSize} ${style.fontWeight}`;
      });
    expect(await weightOf(statement)).toBe(await weightOf(answer));
    await expect(screen.announcement).toHaveText('+7 924 355-51-00: Симулятор — код не отправлен. Ответ симулятора: Код отправлен');

    await page.getByLabel('Язык').selectOption('en');
    await expect(page.getByTestId('simulator-statement')).toHaveText('Simulator — no code was sent');
  });

  test('a failure in the sandbox is also the simulator’s, not the service’s', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    await screen.send('+7 900 000-04-29');
    await expect(screen.result.getByRole('heading', { level: 3 })).toHaveText('Симулятор — код не отправлен');
    await expect(screen.result.getByRole('heading', { level: 4 })).toHaveText('Ответ симулятора: Сервис занят или лимит исчерпан');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the simulator card has no serious accessibility problems (${colorScheme})`, async ({ page, host: _host }) => {
      await page.emulateMedia({ colorScheme });
      await sendScreen(page).send('+7 924 355-51-00', { code: '4827' });
      await expect(page.getByTestId('simulator-statement')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});
