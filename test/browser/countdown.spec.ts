import { startSimulator, type Simulator } from '../../electron/core/api/simulator.ts';
import { api, expect, goProduction, test, TOKEN } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

/** A real send shows what the person sees in Telegram: against this stand-in for the API, set in Settings. */
let standIn: Simulator;
test.beforeEach(async () => {
  standIn = await startSimulator({ tokens: [TOKEN] });
});
test.afterEach(async () => {
  await standIn.close();
});

test('the countdown speaks correct Russian and the card says plainly when the code has expired', async ({ page, host: _host }) => {
  await goProduction(page, standIn.baseUrl);
  const screen = sendScreen(page);
  await page.clock.install();
  await screen.send('9243555100', { code: '3141' });
  const startedAt = await api(page).newestSendStartedAt();
  const timer = screen.result.getByRole('timer');

  const expectations: [number, string][] = [
    [65_000, 'Код виден в Telegram — осталось 25 секунд'],
    [68_000, 'Код виден в Telegram — осталось 22 секунды'],
    [69_000, 'Код виден в Telegram — осталась 21 секунда'],
    [79_000, 'Код виден в Telegram — осталось 11 секунд'],
    [89_000, 'Код виден в Telegram — осталась 1 секунда'],
  ];
  for (const [elapsed, text] of expectations) {
    await page.clock.pauseAt(startedAt + elapsed);
    await expect(timer).toHaveText(text);
  }

  await page.clock.pauseAt(startedAt + 90_000);
  await expect(screen.result).toContainText('Код истёк: в Telegram он больше не виден.');
  await expect(screen.result).toContainText('Если человек не успел ввести код, отправьте новый.');
  await expect(timer).toHaveCount(0);
  // Still readable (the operator may need to name it), but visibly spent.
  await expect(screen.sentCode).toHaveText('3141');
  await expect(page.locator('.code--expired')).toBeVisible();
});

test('a simulated code reached no Telegram: its countdown says how long a real one would last', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await page.clock.install();
  await screen.send('9243555100', { code: '3141' });
  const startedAt = await api(page).newestSendStartedAt();
  const timer = screen.result.getByRole('timer');
  await page.clock.pauseAt(startedAt + 69_000);
  await expect(timer).toHaveText('Настоящий код был бы виден в Telegram ещё 21 секунду');
  await page.clock.pauseAt(startedAt + 79_000);
  await expect(timer).toHaveText('Настоящий код был бы виден в Telegram ещё 11 секунд');
  await expect(screen.result).not.toContainText('Код виден в Telegram');
  await page.getByLabel('Язык').selectOption('en');
  await expect(page.getByRole('timer')).toHaveText('A real code would stay visible in Telegram for 11 more seconds');
  await page.getByLabel('Language').selectOption('ru');
  await page.clock.pauseAt(startedAt + 90_000);
  await expect(screen.result).toContainText('Срок кода истёк: настоящий код в Telegram уже не был бы виден.');
  await expect(screen.result).not.toContainText('в Telegram он больше не виден');
});

test('in English the countdown says "second" and "seconds"', async ({ page, host: _host }) => {
  await goProduction(page, standIn.baseUrl);
  await page.getByLabel('Язык').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.clock.install();
  await page.getByLabel('Phone number').fill('9243555100');
  await page.getByRole('button', { name: 'Send code' }).click();
  const result = page.getByRole('region', { name: 'Send result' });
  await expect(result.getByRole('heading', { name: 'Code sent' })).toBeVisible();
  const startedAt = await api(page).newestSendStartedAt();
  await page.clock.pauseAt(startedAt + 69_000);
  await expect(result.getByRole('timer')).toHaveText('Visible in Telegram — 21 seconds left');
  await page.clock.pauseAt(startedAt + 89_000);
  await expect(result.getByRole('timer')).toHaveText('Visible in Telegram — 1 second left');
  await page.clock.pauseAt(startedAt + 90_000);
  await expect(result).toContainText('The code has expired: it is no longer shown in Telegram.');
});
