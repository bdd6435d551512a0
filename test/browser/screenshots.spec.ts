import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startSimulator, type Simulator } from '../../electron/core/api/simulator.ts';
import type { TgCodeApi } from '../../shared/client.ts';
import { api, expect, goProduction, goTo, sandboxBanner, test, TOKEN } from './fixtures.ts';
import { sendScreen } from './send-page.ts';
import { REPEAT_GUARD_MS } from '../../renderer/src/send/create-send-store.ts';

/**
 * Pictures of each screen state, in each language and colour scheme, for review; each test first
 * checks that the state shows what it should, so a picture is never taken of a broken screen. With
 * TGCODE_DOCS_SCREENSHOTS=1 one of each kind is also copied to docs/screenshots/ (committed). The own
 * code, the number, a stopped clock and a fixed request time keep them the same from run to run.
 */
const OUT = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const DOCS = path.resolve(import.meta.dirname, '../../docs/screenshots');
const FOR_DOCS = new Set([
  'first-run-ru-light',
  'send-success-ru-light',
  'send-success-en-dark',
  'send-simulator-ru-light',
  'send-waiting-ru-light',
  'send-error-ru-dark',
  'send-error-en-light',
  'send-no-telegram-ru-dark',
  'phone-kazakhstan-ru-light',
  'check-match-ru-light',
  'check-failed-en-dark',
  'check-blind-low-balance-ru-light',
  'history-ru-light',
  'settings-ru-light',
  'settings-policy-en-dark',
  'shortcuts-en-light',
  'send-blocked-ru-light',
  'send-repeat-question-ru-dark',
  'reconcile-foreign-ru-light',
  'send-success-ru-720',
  'history-ru-720',
]);

/** Every picture's clock reads Moscow time, wherever it is taken. */
test.use({ timezoneId: 'Europe/Moscow' });

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

/** The service's id for the send, as the pictures show it (the simulator draws a new one each time). */
const SERVICE_ID = 51_873_406;

type RowTimes = { durationMs: number | null; apiId: number | string | null };

/**
 * The measured request time and the service's id differ on every run: the send's answer, the card's
 * re-reads of its record and a check's reply are given a typical time and a fixed id before the page sees them.
 */
async function fixRequestTime(page: Page, durationMs: number) {
  const fix = (row: RowTimes | undefined) => {
    if (row === undefined) return;
    row.durationMs = durationMs;
    if (row.apiId !== null) row.apiId = SERVICE_ID;
  };
  await page.route('**/__ipc/{send:code,history:row,check:code}', async (route) => {
    const reply = await route.fetch();
    const envelope = (await reply.json()) as { ok: boolean; value?: RowTimes & { row?: RowTimes } };
    fix(route.request().url().endsWith('check:code') ? envelope.value?.row : envelope.value);
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
  await checkCallerCode(page, '4827', language);
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

test('the caller\'s code checked wrong until no tries are left, English, dark', async ({ page, host: _host }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByLabel('Язык').selectOption('en');
  const screen = sendScreen(page, 'en');
  const verdict = page.getByTestId('check-verdict');
  await page.clock.install();
  await fixRequestTime(page, 142);
  await screen.send('+7 (924) 355-51-01', { code: '1111' });
  await statusRecorded(page);
  await page.clock.pauseAt((await api(page).newestSendStartedAt()) + 25_000);
  await checkCallerCode(page, '2222', 'en');
  await expect(verdict).toContainText('The code does not match');
  await expect(verdict).toContainText('2 tries left.');
  await checkCallerCode(page, '3333', 'en');
  await expect(verdict).toContainText('1 try left.');
  await checkCallerCode(page, '4444', 'en');
  await expect(verdict).toContainText('Check failed');
  await expect(verdict).toContainText('No tries left. Send a new code.');
  await expect(page.getByRole('textbox', { name: LOOP_TEXTS.en.caller })).toHaveAttribute('readonly', '');
  await expect(screen.result.getByRole('timer')).toContainText('65 more seconds');
  await save(page, 'check-failed-en-dark');
});

test('blind check mode and a low balance, Russian', async ({ page, host: _host }) => {
  await api(page).updateSettings({ blindCheck: true });
  const screen = sendScreen(page);
  await fixRequestTime(page, 142);
  await screen.send('+7 900 000-07-01', { code: '4827' });
  await expect(screen.result).toContainText(LOOP_TEXTS.ru.blind);
  await expect(screen.sentCode).toHaveCount(0);
  await expect(page.getByTestId('balance-low')).toContainText(LOOP_TEXTS.ru.low, { timeout: 10_000 });
  await expect(page.getByTestId('balance')).toContainText('1,00 ₽ · 0,20 ₽ за отправку · хватит на 5 отправок');
  await expect(screen.result).toContainText(String(SERVICE_ID));
  await save(page, 'check-blind-low-balance-ru-light');
});

/** When the history pictures are taken: 10:40 in Moscow. */
const SHOT_TIME = Date.UTC(2026, 11, 2, 7, 40, 0);
const HISTORY_DURATIONS = [142, 236, 188, 412, 167];

/**
 * The history's send times and request times differ on every run: before the history is opened the
 * page's clock is set to SHOT_TIME and each row is given a time a little before it, newest first.
 */
async function fixHistoryTimes(page: Page) {
  await page.clock.install({ time: SHOT_TIME });
  await page.route('**/__ipc/history:page', async (route) => {
    const { offset } = (route.request().postDataJSON() as { offset: number }) ?? { offset: 0 };
    const reply = await route.fetch();
    const envelope = (await reply.json()) as { ok: boolean; value?: { rows: { startedAt: number; durationMs: number | null }[] } };
    envelope.value?.rows.forEach((row, index) => {
      const position = offset + index;
      row.startedAt = SHOT_TIME - 30_000 - position * 47_000;
      if (row.durationMs !== null) row.durationMs = HISTORY_DURATIONS[position % HISTORY_DURATIONS.length]!;
    });
    await route.fulfill({ response: reply, json: envelope });
  });
}

/** The caller's code typed in and checked on the result card. */
async function checkCallerCode(page: Page, code: string, language: keyof typeof LOOP_TEXTS = 'ru') {
  const caller = page.getByRole('textbox', { name: LOOP_TEXTS[language].caller });
  await caller.fill(code);
  await caller.press('Enter');
}

test('the history with checks, statuses, prices and the money spent, Russian', async ({ page, host: _host }) => {
  await api(page).updateSettings({ operatorName: 'Ирина' });
  const screen = sendScreen(page);
  const verdict = page.getByTestId('check-verdict');
  await screen.send('+7 924 355-51-00', { code: '4827' });
  await statusRecorded(page);
  await checkCallerCode(page, '4827');
  await expect(verdict).toContainText(LOOP_TEXTS.ru.match);
  await screen.send('+7 924 355-51-01', { code: '1111' });
  await statusRecorded(page);
  for (const wrong of ['2222', '3333', '4444']) await checkCallerCode(page, wrong);
  await expect(verdict).toContainText('Проверка не пройдена');
  await screen.send('+7 900 000-02-04');
  await screen.send('+7 900 000-04-29');
  await screen.send('+7 900 123-45-67', { code: '5190' });
  await statusRecorded(page);
  await fixHistoryTimes(page);
  await goTo(page, 'history');
  const rows = page.getByRole('grid', { name: 'История отправок' }).getByRole('row');
  await expect(page.getByTestId('history-count')).toHaveText('5 записей');
  await expect(page.getByTestId('history-spent')).toHaveText('Потрачено по этим записям: 0,60 ₽ (цена известна для 3 отправок)');
  await expect(rows.nth(1)).toContainText('+7 900 123-45-67');
  await expect(rows.nth(1)).toContainText('0,20 ₽');
  await expect(rows.nth(4)).toContainText('Проверка не пройдена');
  await expect(rows.nth(5)).toContainText('Подтверждён');
  await expect(rows.nth(5)).toContainText('02.12.2026, 10:36:22');
  await expect(rows.nth(5)).toContainText('Ирина');
  await save(page, 'history-ru-light');
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
    await api(page).updateSettings({ operatorName: 'Ирина' });
    const screen = sendScreen(page);
    await screen.send('+7 900 123-45-67', { code: '1234' });
    await screen.send('+7 900 000-04-29');
    await fixHistoryTimes(page);
    await goTo(page, 'history');
    await expect(page.getByTestId('history-count')).toHaveText('2 записи');
    await expect(page.getByRole('grid', { name: 'История отправок' }).getByRole('row').nth(1)).toContainText('02.12.2026, 10:39:30');
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

test.describe('the first run, Russian', () => {
  test.use({ firstRunDone: false });

  test('both ways to start', async ({ page, host: _host }) => {
    await expect(page.getByRole('heading', { name: 'Добро пожаловать в TG Code Desk' })).toBeVisible();
    await expect(page.getByLabel('Токен доступа')).toBeFocused();
    await expect(page.getByRole('button', { name: 'Сохранить и начать' })).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('button', { name: 'Попробовать без токена' })).toBeInViewport({ ratio: 1 });
    await save(page, 'first-run-ru-light');
  });
});

test('a Kazakhstan number is named while it is typed, Russian', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await screen.phone.pressSequentially('+7 727 123 45 67');
  await expect(screen.phoneStatus).toHaveText('Это номер Казахстана, а не российский мобильный: код уходит только на +7 9XX ….');
  await expect(screen.phone).toHaveAttribute('aria-invalid', 'true');
  await save(page, 'phone-kazakhstan-ru-light');
});

test.describe('the settings screen whole, Russian', () => {
  // Both groups whole in one picture: a window as tall as the screen's content.
  test.use({ viewport: { width: 1100, height: 3400 } });

  test('my settings and the workplace', async ({ page, host: _host }) => {
    await api(page).updateSettings({ operatorName: 'Ирина' });
    await goTo(page, 'settings');
    await expect(page.getByRole('form', { name: 'Мои настройки' })).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('form', { name: 'Рабочее место (настраивает IT)' })).toBeInViewport({ ratio: 1 });
    await expect(page.getByLabel('Имя оператора')).toHaveValue('Ирина');
    await save(page, 'settings-ru-light');
  });
});

test.describe('the settings under an administrator\'s policy, English, dark', () => {
  test.use({ colorScheme: 'dark' });

  test('locked fields', async ({ page, host }) => {
    await api(page).updateSettings({ language: 'en' });
    const policy = path.join(host.dataDir, 'policy.json');
    await writeFile(policy, JSON.stringify({ settings: { apiBaseUrl: 'https://api.example.ru/api/v1/authcalls', timeoutMs: 20000, method: 'POST' } }));
    await host.restart({ TGCODE_POLICY_FILE: policy });
    await page.keyboard.press('Control+3');
    await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
    await expect(page.getByTestId('policy-notice')).toBeVisible();
    const address = page.getByLabel('API address');
    await expect(address).toHaveValue('https://api.example.ru/api/v1/authcalls');
    await expect(address).toHaveAttribute('readonly', '');
    await expect(address).toHaveAccessibleDescription(/^Set by your administrator/);
    await expect(page.getByTestId('locked-note')).toHaveCount(3);
    // The three locked fields in the middle of the screen (only <main> scrolls; the window never does).
    await page.getByRole('group', { name: 'Request method' }).evaluate((group) => {
      const main = group.closest('main')!;
      main.scrollTop += group.getBoundingClientRect().top - main.getBoundingClientRect().top - main.clientHeight / 2;
    });
    for (const note of await page.getByTestId('locked-note').all()) await expect(note).toBeInViewport({ ratio: 1 });
    await save(page, 'settings-policy-en-dark');
  });
});

test('the keyboard shortcuts help, English', async ({ page, host: _host }) => {
  await page.getByLabel('Язык').selectOption('en');
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('row', { name: 'Ctrl+F Search the history' })).toBeVisible();
  await expect(help.getByRole('row', { name: 'F1 or ? This help' })).toBeVisible();
  await expect(help.getByRole('button', { name: 'Close' })).toBeInViewport({ ratio: 1 });
  await save(page, 'shortcuts-en-light');
});

test('a send refused by the cooldown: blocked, recorded, never sent', async ({ page, sim }) => {
  await page.clock.install();
  const screen = sendScreen(page);
  await screen.send('+7 924 355-51-00');
  await screen.phone.fill('+7 924 355-51-00');
  // Past the moment in which the form takes a second press for a double press.
  await page.clock.fastForward(REPEAT_GUARD_MS);
  await page.keyboard.press('Enter');
  await expect(screen.result).toContainText('Заблокировано ограничением — не отправлено');
  await expect(screen.result).toContainText('Запрос не отправлялся. Отказ записан в историю.');
  expect(await sim.requests()).toHaveLength(1);
  await save(page, 'send-blocked-ru-light');
});

test.describe('the repeat question, dark', () => {
  test.use({ colorScheme: 'dark' });

  test('a code still visible in Telegram is asked about before another is sent', async ({ page, host: _host }) => {
    await api(page).updateSettings({ cooldownSeconds: 0 });
    await page.clock.install();
    const screen = sendScreen(page);
    await screen.send('+7 924 355-51-00');
    await page.clock.fastForward(REPEAT_GUARD_MS);
    await screen.sendButton.click();
    const question = page.getByRole('alertdialog', { name: 'Отправить ещё один код?' });
    await expect(question).toContainText(/ещё виден в Telegram — отправить ещё один\?/);
    await save(page, 'send-repeat-question-ru-dark');
  });
});

test('sends someone else made with the token, listed by the reconciliation', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await screen.send('+7 924 355-51-00');
  // The sandbox's scenario number whose billing record shows two foreign sends beside it.
  await screen.send('+7 900 000-09-99');
  await goTo(page, 'history');
  await page.getByRole('button', { name: /^Сверка/ }).click();
  const panel = page.getByRole('dialog', { name: 'Сверка с биллингом' });
  await panel.getByRole('button', { name: 'Сверить' }).click();
  await expect(panel).toContainText(/2 отправки с этим токеном сделал кто-то другой/);
  await expect(panel.getByRole('table').getByRole('row')).toHaveCount(3);
  await save(page, 'reconcile-foreign-ru-light');
});
