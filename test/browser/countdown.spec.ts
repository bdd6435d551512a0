import { api, expect, test } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

test('the countdown speaks correct Russian and the card says plainly when the code has expired', async ({ page, host: _host }) => {
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

test('in English the countdown says "second" and "seconds"', async ({ page, host: _host }) => {
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
