import { expect, test } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

test('Russian by default; English and back from the top bar, saved for the next start', async ({ page, host }) => {
  const html = page.locator('html');
  await expect(html).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { name: 'Отправка кода' })).toBeVisible();

  await page.getByLabel('Язык').selectOption('en');
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Send a code' })).toBeVisible();
  await expect(page.getByLabel('Phone number')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send code' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('button')).toHaveText(['Send', 'History', 'Settings']);
  await expect(page.getByRole('status').filter({ hasText: 'Sandbox mode.' })).toContainText('No real codes are sent');

  await host.restart();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Send a code' })).toBeVisible();

  await page.getByLabel('Language').selectOption('ru');
  await expect(html).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { name: 'Отправка кода' })).toBeVisible();
  await host.restart();
  await expect(html).toHaveAttribute('lang', 'ru');
});

test('a result on screen is retold in the new language', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await screen.send('+7 900 000-04-29');
  await expect(screen.result.getByRole('heading', { name: 'Сервис занят или лимит исчерпан' })).toBeVisible();
  await page.getByLabel('Язык').selectOption('en');
  const result = page.getByRole('region', { name: 'Send result' });
  await expect(result.getByRole('heading', { name: 'Service busy or limit reached' })).toBeVisible();
  await expect(result).toContainText('No code was sent.');
  await expect(result.getByTestId('retry-wait')).toContainText(/The service asks to wait: you can send again in \d+ seconds\./);
});

test('the phone problems read in English too', async ({ page, host: _host }) => {
  await page.getByLabel('Язык').selectOption('en');
  const phone = page.getByLabel('Phone number');
  await phone.fill('8 495 123 45 67');
  await phone.blur();
  await expect(page.getByTestId('phone-status')).toHaveText('This is not a mobile number: a Russian mobile starts with 9 (+7 9XX …).');
  await phone.fill('924 355 51 00');
  await expect(page.getByTestId('phone-status')).toHaveText('Number: +7 924 355-51-00');
});
