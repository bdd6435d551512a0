import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startSimulator, type Simulator } from '../../electron/core/api/simulator.ts';
import type { TgCodeApi } from '../../shared/client.ts';
import { api, expect, goProduction, goTo, sandboxBanner, test, TOKEN } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

/**
 * Pictures of each screen state, in each language and colour scheme, for review; each test first
 * checks that the state shows what it should, so a picture is never taken of a broken screen. With
 * TGCODE_DOCS_SCREENSHOTS=1 one of each kind is also copied to docs/screenshots/ (committed). The own
 * code, the number, a stopped clock and a fixed request time keep them the same from run to run.
 */
const OUT = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const DOCS = path.resolve(import.meta.dirname, '../../docs/screenshots');
const FOR_DOCS = new Set(['send-success-ru-light', 'send-success-en-dark', 'send-error-ru-dark', 'send-error-en-light']);

const TEXTS = {
  ru: {
    sent: 'Код отправлен',
    left: 'осталось 65 секунд',
    duration: '142 мс',
    simulator: 'Симулятор — код не отправлен',
    simulatorAnswer: 'Ответ симулятора: Код отправлен',
    simulatorCode: 'Код симулятора (никому не отправлен)',
    noConnection: 'Нет связи с сервисом',
    notMobile: 'Это не мобильный номер',
    noTelegram: 'У этого номера нет Telegram',
    otherWay: 'другой способ',
  },
  en: {
    sent: 'Code sent',
    left: '65 seconds left',
    duration: '142 ms',
    simulator: 'Simulator — no code was sent',
    simulatorAnswer: 'The simulator answered: Code sent',
    simulatorCode: 'Simulator code (sent to nobody)',
    noConnection: 'No connection to the service',
    notMobile: 'This is not a mobile number',
    noTelegram: 'This number has no Telegram',
    otherWay: 'another way',
  },
};

/** Production pictures show a real send: against this stand-in for the API, set as the address in Settings. */
let standIn: Simulator;
test.beforeEach(async () => {
  standIn = await startSimulator({ tokens: [TOKEN] });
});
test.afterEach(async () => {
  await standIn.close();
});


async function save(page: Page, name: string) {
  await mkdir(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.png`);
  // Fade-ins and the countdown bar's easing are finished before the picture.
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  if (process.env.TGCODE_DOCS_SCREENSHOTS === '1' && FOR_DOCS.has(name)) {
    await mkdir(DOCS, { recursive: true });
    await copyFile(file, path.join(DOCS, `${name}.png`));
  }
}

/** The measured request time differs on every run: the answer is given a typical one before the page sees it. */
async function fixRequestTime(page: Page, durationMs: number) {
  await page.route('**/__ipc/send:code', async (route) => {
    const reply = await route.fetch();
    const envelope = (await reply.json()) as { ok: boolean; value?: { durationMs: number } };
    if (envelope.value) envelope.value.durationMs = durationMs;
    await route.fulfill({ response: reply, json: envelope });
  });
}

/** A successful send with the own code 4827, the clock stopped 25 s into the countdown. */
async function showSuccess(page: Page, language: keyof typeof TEXTS) {
  const texts = TEXTS[language];
  await goProduction(page, standIn.baseUrl);
  const screen = sendScreen(page, language);
  await page.clock.install();
  await fixRequestTime(page, 142);
  await screen.send('+7 (924) 355-51-00', { code: '4827' });
  await page.clock.pauseAt((await api(page).newestSendStartedAt()) + 25_000);
  await expect(screen.result.getByRole('heading', { name: texts.sent })).toBeVisible();
  await expect(screen.sentCode).toHaveText('4827');
  await expect(screen.result.getByRole('timer')).toContainText(texts.left);
  await expect(screen.result).toContainText('+7 924 355-51-00');
  await expect(screen.result).toContainText(texts.duration);
  await expect(screen.result.getByTestId('simulator-statement')).toHaveCount(0);
  expect(standIn.requests).toEqual([{ method: 'GET', phone: '79243555100', code: '4827' }]);
}

for (const language of ['ru', 'en'] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${language}, ${colorScheme}`, () => {
      test.use({ colorScheme });

      test.beforeEach(async ({ page, host: _host }) => {
        if (language === 'en') {
          await page.getByLabel('Язык').selectOption('en');
          await expect(page.locator('html')).toHaveAttribute('lang', 'en');
        }
      });

      test('success', async ({ page }) => {
        await showSuccess(page, language);
        await save(page, `send-success-${language}-${colorScheme}`);
      });

      test('simulator', async ({ page }) => {
        const texts = TEXTS[language];
        const screen = sendScreen(page, language);
        await page.clock.install();
        await fixRequestTime(page, 142);
        await screen.send('+7 (924) 355-51-00', { code: '4827' });
        await page.clock.pauseAt((await api(page).newestSendStartedAt()) + 25_000);
        // The card's own heading says it, as large as the result it replaces.
        const statement = screen.result.getByRole('heading', { level: 3 });
        await expect(statement).toHaveText(texts.simulator);
        await expect(screen.result.getByRole('heading', { level: 4 })).toHaveText(texts.simulatorAnswer);
        await expect(screen.result.getByText(texts.simulatorCode)).toBeVisible();
        await expect(screen.result.getByRole('heading', { name: texts.sent, exact: true })).toHaveCount(0);
        await save(page, `send-simulator-${language}-${colorScheme}`);
      });

      test('error', async ({ page }) => {
        const texts = TEXTS[language];
        await goProduction(page, standIn.baseUrl);
        const screen = sendScreen(page, language);
        await fixRequestTime(page, 412);
        await screen.send('8 900 000 04 44');
        await screen.phone.fill('8 495 123 45 67');
        await screen.phone.blur();
        await expect(screen.result.getByRole('heading', { name: texts.noConnection })).toBeVisible();
        await expect(screen.result).toContainText('+7 900 000-04-44');
        await expect(screen.phoneStatus).toContainText(texts.notMobile);
        await expect(screen.sentCode).toHaveCount(0);
        await save(page, `send-error-${language}-${colorScheme}`);
      });

      test('no Telegram', async ({ page }) => {
        const texts = TEXTS[language];
        await goProduction(page, standIn.baseUrl);
        const screen = sendScreen(page, language);
        await fixRequestTime(page, 236);
        await screen.send('+7 900 000-02-04');
        await expect(screen.result.getByRole('heading', { name: texts.noTelegram })).toBeVisible();
        await expect(screen.result).toContainText(texts.otherWay);
        await expect(screen.result).toContainText('user not found in telegram');
        await expect(screen.sentCode).toHaveCount(0);
        await save(page, `send-no-telegram-${language}-${colorScheme}`);
      });
    });
  }
}

const LOOP_TEXTS = {
  ru: { caller: 'Код, который назвал человек', match: 'Код совпадает', delivered: 'успех (status = 1)', price: '0,20 ₽', balance: 'Баланс симулятора', low: 'Баланс заканчивается', blind: 'Слепая проверка' },
  en: { caller: 'Code the caller read out', match: 'The code matches', delivered: 'success (status = 1)', price: '₽0.20', balance: 'Simulator balance', low: 'Balance running low', blind: 'Blind check' },
};

/** Waits until main has recorded the newest send's delivery status (it asks 2 s after the answer). */
async function statusRecorded(page: Page) {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const bridged = globalThis as unknown as { tgcode: TgCodeApi };
          return (await bridged.tgcode.history.page({ query: {}, offset: 0, limit: 1 })).rows[0]?.providerStatus?.state ?? null;
        }),
      { timeout: 15_000 },
    )
    .toBe('known');
}

/** A send with the own code 4827, its status and price on the card, the caller's code checked: a match. */
async function showVerified(page: Page, language: keyof typeof LOOP_TEXTS) {
  const texts = LOOP_TEXTS[language];
  const screen = sendScreen(page, language);
  await page.clock.install();
  await fixRequestTime(page, 142);
  await screen.send('+7 (924) 355-51-00', { code: '4827' });
  await statusRecorded(page);
  // Jumping the clock runs the card's re-read of its record on the way.
  await page.clock.pauseAt((await api(page).newestSendStartedAt()) + 25_000);
  await expect(screen.result.getByTestId('provider-status')).toContainText(texts.delivered);
  await expect(screen.result.getByTestId('provider-price')).toContainText(texts.price);
  const caller = page.getByRole('textbox', { name: texts.caller });
  await caller.fill('4827');
  await caller.press('Enter');
  await expect(page.getByTestId('check-verdict')).toContainText(texts.match);
  await expect(page.getByTestId('balance')).toContainText(texts.balance);
}

for (const [language, colorScheme] of [['ru', 'light'], ['en', 'dark']] as const) {
  test(`the caller's code checked, with the status, the price and the balance (${language}, ${colorScheme})`, async ({ page, host: _host }) => {
    await page.emulateMedia({ colorScheme });
    if (language === 'en') await page.getByLabel('Язык').selectOption('en');
    await showVerified(page, language);
    await save(page, `check-match-${language}-${colorScheme}`);
  });
}

test('blind check mode and a low balance, Russian', async ({ page, host: _host }) => {
  await api(page).updateSettings({ blindCheck: true });
  const screen = sendScreen(page);
  await screen.send('+7 900 000-07-01', { code: '4827' });
  await expect(screen.result).toContainText(LOOP_TEXTS.ru.blind);
  await expect(screen.sentCode).toHaveCount(0);
  await expect(page.getByTestId('balance-low')).toContainText(LOOP_TEXTS.ru.low, { timeout: 10_000 });
  await save(page, 'check-blind-low-balance-ru-light');
});

test('the history with checks, prices and the money spent, Russian', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await screen.send('+7 924 355-51-00', { code: '4827' });
  await statusRecorded(page);
  const caller = page.getByRole('textbox', { name: LOOP_TEXTS.ru.caller });
  await caller.fill('4827');
  await caller.press('Enter');
  await expect(page.getByTestId('check-verdict')).toContainText(LOOP_TEXTS.ru.match);
  await screen.send('+7 900 000-04-29');
  await goTo(page, 'history');
  await expect(page.getByTestId('history-spent')).toContainText('0,20 ₽');
  await expect(page.getByRole('grid', { name: 'История отправок' }).getByRole('row').nth(2)).toContainText('Подтверждён');
  await save(page, 'history-loop-ru-light');
});

test.describe('the smallest window (720 × 560), Russian', () => {
  test.use({ viewport: { width: 720, height: 560 } });

  test('success', async ({ page, host: _host }) => {
    await showSuccess(page, 'ru');
    const scrollWidth = await page.evaluate(() => (globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } } }).document.scrollingElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(720);
    await save(page, 'send-success-ru-720');
  });

  test('history', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    await screen.send('+7 900 123-45-67', { code: '1234' });
    await screen.send('+7 900 000-04-29');
    await goTo(page, 'history');
    await expect(page.getByTestId('history-count')).toHaveText('2 записи');
    await expect(page.getByRole('grid', { name: 'История отправок' }).getByRole('row')).toHaveCount(3);
    await expect(sandboxBanner(page)).toBeInViewport({ ratio: 1 });
    await save(page, 'history-ru-720');
  });
});

test('waiting for an answer, Russian', async ({ page, sim }) => {
  const screen = sendScreen(page);
  await sim.queueFaults('hang');
  await page.clock.install();
  await screen.phone.fill('+7 924 355-51-00');
  await screen.sendButton.click();
  await page.clock.fastForward(3_000);
  await expect(screen.result.getByRole('timer')).toHaveText('Ждём ответа сервиса: 3 с из 15 с');
  await expect(screen.result.getByRole('button', { name: 'Перестать ждать' })).toBeVisible();
  await save(page, 'send-waiting-ru-light');
});

test('settings scrolled to the bottom, Russian', async ({ page, host: _host }) => {
  await goTo(page, 'settings');
  await page.getByRole('button', { name: 'Сохранить настройки рабочего места', exact: true }).scrollIntoViewIfNeeded();
  await expect(page.getByRole('heading', { level: 2, name: 'Настройки' })).not.toBeInViewport();
  await expect(sandboxBanner(page)).toBeInViewport({ ratio: 1 });
  await save(page, 'settings-scrolled-ru');
});
