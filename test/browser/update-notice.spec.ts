import { expect, seriousViolations, test } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

test.describe('no update ready', () => {
  test('the header shows nothing about updates', async ({ page, host: _host }) => {
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Перезапустить для обновления' })).toHaveCount(0);
  });
});

test.describe('an update ready', () => {
  test.use({ hostEnv: { TGCODE_HOST_UPDATE_READY: '0.2.0' } });

  test('the header says so in Russian and English, and is accessible', async ({ page, host: _host }) => {
    const restart = page.getByRole('banner').getByRole('button', { name: 'Перезапустить для обновления' });
    await expect(restart).toBeVisible();
    await expect(restart).toHaveAccessibleDescription('Готова новая версия 0.2.0 — перезапустите, чтобы обновить');
    expect(await seriousViolations(page, 'header')).toEqual([]);
    await page.getByLabel('Язык').selectOption('en');
    const english = page.getByRole('banner').getByRole('button', { name: 'Restart to update' });
    await expect(english).toHaveAccessibleDescription('A new version 0.2.0 is ready — restart to update');
  });

  test('at 720 px the button stays, as an icon, inside the header', async ({ page, host: _host }) => {
    await page.setViewportSize({ width: 720, height: 560 });
    const restart = page.getByRole('banner').getByRole('button', { name: 'Перезапустить для обновления' });
    await expect(restart).toBeVisible();
    const [button, header] = await Promise.all([restart.boundingBox(), page.getByRole('banner').boundingBox()]);
    expect(button!.width).toBeLessThan(60);
    expect(button!.x + button!.width).toBeLessThanOrEqual(header!.x + header!.width);
    expect(await seriousViolations(page, 'header')).toEqual([]);
  });

  test('pressed during a send, it waits and says why', async ({ page, host: _host }) => {
    // This sandbox number never answers, so the send stays under way.
    const screen = sendScreen(page);
    await screen.phone.fill('+7 900 000-04-08');
    await screen.sendButton.click();
    await expect(screen.form).toHaveAttribute('aria-busy', 'true');
    await page.getByRole('banner').getByRole('button', { name: 'Перезапустить для обновления' }).click();
    await expect(page.getByRole('banner').getByRole('status')).toHaveText('Идёт отправка кода. Перезапустите, когда она закончится.');
  });
});
