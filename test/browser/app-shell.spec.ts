import { SANDBOX_TOKEN, startSimulator } from '../../electron/core/api/simulator.ts';
import { api, expect, sandboxBanner, seriousViolations, test, waitUntilReady } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

test('the top bar moves between the screens and marks the current one', async ({ page, host: _host }) => {
  const nav = page.getByRole('navigation', { name: 'Разделы' });
  await expect(nav.getByRole('button', { name: 'Отправка' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('button', { name: 'Настройки' }).click();
  await expect(nav.getByRole('button', { name: 'Настройки' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('button', { name: 'Отправка' })).not.toHaveAttribute('aria-current', /.*/);
  await expect(page.getByLabel('Номер телефона')).toHaveCount(0);
  await nav.getByRole('button', { name: 'Отправка' }).click();
  await expect(page.getByLabel('Номер телефона')).toBeFocused();
});

test.describe('sandbox banner', () => {
  test('says no real code is sent, and why: chosen', async ({ page, host: _host }) => {
    const banner = sandboxBanner(page);
    await expect(banner).toContainText('Настоящие коды не отправляются');
    await expect(banner).toContainText('Тестовый режим выбран в настройках.');
    await page.getByRole('button', { name: 'Открыть настройки' }).click();
    await expect(page.getByRole('button', { name: 'Настройки' })).toHaveAttribute('aria-current', 'page');
    // Still there on every screen.
    await expect(banner).toBeVisible();
  });

  test.describe('in production', () => {
    test.use({ chosenMode: 'production' });

    test('is gone with a token, and back (chosen in settings) when sandbox mode is picked', async ({ page, host }) => {
      const standIn = await startSimulator();
      try {
        await host.restart({ TGCODE_API_BASE: standIn.baseUrl, TGCODE_TOKEN: SANDBOX_TOKEN });
        await expect(page.getByText('Тестовый режим.')).toHaveCount(0);
        const screen = sendScreen(page);
        await screen.send('9243555100');
        await expect(screen.result.getByRole('heading', { name: 'Код отправлен' })).toBeVisible();
        await expect(screen.result.getByTestId('simulator-statement')).toHaveCount(0);
        expect(standIn.requests).toHaveLength(1);

        await api(page).updateSettings({ mode: 'sandbox' });
        await page.reload();
        await waitUntilReady(page);
        await expect(sandboxBanner(page)).toContainText('Тестовый режим выбран в настройках.');
      } finally {
        await standIn.close();
      }
    });
  });
});

test.describe('QA overrides', () => {
  test('under the top bar it says when the API address and the token come from the environment, never showing them', async ({ page, host }) => {
    const badge = page.getByTestId('qa-badge');
    await expect(badge).toHaveCount(0);
    await host.restart({ TGCODE_API_BASE: 'http://127.0.0.1:9/api/v1/authcalls', TGCODE_TOKEN: SANDBOX_TOKEN });
    await expect(badge).toHaveText('QA: адрес API, токен из окружения');
    expect(await page.content()).not.toContain(SANDBOX_TOKEN);
    // It fits in the smallest window, and the top bar keeps everything in view.
    await page.setViewportSize({ width: 720, height: 560 });
    await expect(badge).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('banner').getByRole('combobox', { name: 'Язык' })).toBeInViewport({ ratio: 1 });
    const scrollWidth = await page.evaluate(() => (globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } } }).document.scrollingElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(720);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe('first run', () => {
  test.use({ firstRunDone: false });

  test('with no token and no choice yet, the first-run screen comes before anything else', async ({ page, host: _host }) => {
    await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
    await expect(page.getByLabel('Номер телефона')).toHaveCount(0);
    await expect(page.getByRole('navigation')).toHaveCount(0);
  });

  test('the banner says why the sandbox is on: nothing chosen yet', async ({ page, host: _host }) => {
    await expect(sandboxBanner(page)).toContainText('Первый запуск: режим работы ещё не выбран.');
  });

  test('once answered it is not asked again: main keeps the answer, not the page', async ({ page, host }) => {
    await page.getByRole('button', { name: 'Попробовать без токена' }).click();
    await expect(page.getByRole('navigation', { name: 'Разделы' })).toBeVisible();
    expect(await api(page).settings()).toMatchObject({ settings: { mode: 'sandbox' } });
    // Another window or a wiped profile has no local storage of it; the app still knows.
    await page.evaluate(() => (globalThis as unknown as { localStorage: { clear(): void } }).localStorage.clear());
    await host.restart();
    await waitUntilReady(page);
    await expect(page.getByRole('navigation', { name: 'Разделы' })).toBeVisible();
  });

  test('with a token there is nothing to ask', async ({ page, host }) => {
    await host.restart({ TGCODE_TOKEN: SANDBOX_TOKEN });
    await expect(page.getByLabel('Номер телефона')).toBeEditable();
  });
});
