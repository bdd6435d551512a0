import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

/** Serious and critical WCAG problems only; each one listed with its rule and the elements it hit. */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} colours`, () => {
    test.use({ colorScheme });

    test('the send screen has no serious accessibility problems, in Russian and in English', async ({ page, host: _host }) => {
      const screen = sendScreen(page);
      expect(await seriousViolations(page)).toEqual([]);

      await screen.send('9243555100', { code: '1234' });
      expect(await seriousViolations(page)).toEqual([]);

      await screen.send('+7 900 000-04-29');
      await screen.phone.fill('8 495 123 45 67');
      await screen.phone.blur();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByLabel('Язык').selectOption('en');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel('Phone number').fill('9243555101');
      await page.getByRole('button', { name: 'Send code' }).click();
      await expect(page.getByRole('heading', { name: 'Code sent' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}

test('every control on the send screen has a name', async ({ page, host: _host }) => {
  await expect(page.getByRole('textbox', { name: 'Номер телефона' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Свой код' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Отправить код' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Язык' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Свой код' }).check();
  await expect(page.getByRole('textbox', { name: 'Код из 4 цифр' })).toBeVisible();
});
