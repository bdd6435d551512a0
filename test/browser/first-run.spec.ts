import { startSimulator } from '../../electron/core/api/simulator.ts';
import { api, expect, sandboxBanner, seriousViolations, test, TOKEN } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

test.use({ firstRunDone: false });

test('a fresh start asks first, with the token field ready for a paste', async ({ page, host: _host }) => {
  await expect(page.getByRole('heading', { name: 'Добро пожаловать в TG Code Desk' })).toBeVisible();
  await expect(page.getByLabel('Токен доступа')).toBeFocused();
});

test('"try the sandbox" leads to the send screen in sandbox mode', async ({ page, sim }) => {
  await expect(page.getByRole('heading', { name: 'Добро пожаловать в TG Code Desk' })).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  // The banner is there from the start, but its shortcut to the settings would lead nowhere yet.
  await expect(sandboxBanner(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Открыть настройки' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Попробовать без токена' }).click();
  await expect(page.getByRole('button', { name: 'Открыть настройки' })).toBeVisible();

  await expect(page.getByRole('heading', { name: 'Добро пожаловать в TG Code Desk' })).toHaveCount(0);
  await expect(page.getByLabel('Номер телефона')).toBeEditable();
  await expect(sandboxBanner(page)).toBeVisible();
  // The choice is remembered: a reload does not ask again.
  await page.reload();
  await expect(page.getByLabel('Номер телефона')).toBeEditable();
  await expect(page.getByRole('heading', { name: 'Добро пожаловать в TG Code Desk' })).toHaveCount(0);

  await sendScreen(page).send('+7 924 355-51-00');
  expect((await sim.requests()).map((request) => request.phone)).toEqual(['79243555100']);
});

test('a pasted token with whitespace around it is saved, and sends then go to the real API', async ({ page, host }) => {
  const standIn = await startSimulator({ tokens: [TOKEN] });
  try {
    // Production must not reach the internet from a test: point it at this simulator instead.
    await host.restart({ TGCODE_API_BASE: standIn.baseUrl });
    await expect(sandboxBanner(page)).toBeVisible();

    await page.getByLabel('Токен доступа').fill(`  ${TOKEN}\t \n`);
    await page.getByRole('button', { name: 'Сохранить и начать' }).click();

    await expect(page.getByLabel('Номер телефона')).toBeEditable();
    await expect(sandboxBanner(page)).toHaveCount(0);
    expect(await page.content()).not.toContain(TOKEN);

    await sendScreen(page).send('+7 924 355-51-00');
    expect(standIn.requests).toEqual([{ method: 'GET', phone: '79243555100', code: null }]);
    // Pasting a token here means working for real, and main has it on record.
    expect((await api(page).settings()).settings.mode).toBe('production');
  } finally {
    await standIn.close();
  }
});

test('a token in the wrong format is refused inline in Russian and the screen stays', async ({ page, host: _host }) => {
  const field = page.getByLabel('Токен доступа');
  await field.fill('4ee85f4f-f5a4-4084-6a04');
  await page.getByRole('button', { name: 'Сохранить и начать' }).click();

  await expect(page.getByRole('alert')).toHaveText(/Это не похоже на токен доступа/);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Добро пожаловать в TG Code Desk' })).toBeVisible();
  expect(await api(page).token()).toMatchObject({ state: 'none' });

  // Typing again clears the complaint.
  await field.fill(TOKEN);
  await expect(field).toHaveAttribute('aria-invalid', 'false');
});

test('"show" reveals what is being typed, never putting it into the markup', async ({ page, host: _host }) => {
  const field = page.getByLabel('Токен доступа');
  const show = page.getByRole('button', { name: 'Показать' });
  await field.fill(TOKEN);
  await expect(field).toHaveAttribute('type', 'password');
  await show.click();
  await expect(show).toHaveAttribute('aria-pressed', 'true');
  await expect(field).toHaveAttribute('type', 'text');
  await expect(field).toHaveValue(TOKEN);
  // What is typed never becomes part of the markup, even while shown.
  expect(await page.content()).not.toContain(TOKEN);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the first-run screen has no serious accessibility problems (${colorScheme})`, async ({ page, host: _host }) => {
    await page.emulateMedia({ colorScheme });
    await page.getByRole('button', { name: 'Сохранить и начать' }).click();
    await expect(page.getByRole('alert')).toHaveText('Вставьте токен в поле.');
    expect(await seriousViolations(page)).toEqual([]);
  });
}
