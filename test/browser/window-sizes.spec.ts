import { expect, goTo, test } from './fixtures.ts';
import { recordLine, restartWithHistory } from './history-file.ts';

const SIZES = [
  { width: 1100, height: 760 },
  { width: 720, height: 560 },
] as const;

for (const viewport of SIZES) {
  test.describe(`at ${viewport.width} × ${viewport.height}`, () => {
    test.use({ viewport });

    test('the history shows at least 8 whole rows, with the "who sent" column, without scrolling', async ({ page, host }) => {
      await restartWithHistory(host, Array.from({ length: 30 }, (_, id) => recordLine(id, { sentBy: `Оператор ${id}` })));
      await goTo(page, 'history');
      const table = page.getByRole('grid', { name: 'История отправок' });
      await expect(table.getByRole('columnheader', { name: 'Отправил' })).toBeInViewport({ ratio: 1 });
      // Columns the window has no room for are hidden, so the position is counted among those shown.
      const headers = await table.getByRole('columnheader').allTextContents();
      const column = headers.indexOf('Отправил');
      const rows = table.getByRole('rowgroup').nth(1).getByRole('row');
      for (let index = 0; index < 8; index++) {
        // The newest first: row 0 is record 29.
        const sentBy = rows.nth(index).getByRole('gridcell').nth(column);
        await expect(sentBy).toHaveText(`Оператор ${29 - index}`);
        await expect(sentBy).toBeInViewport({ ratio: 1 });
      }
    });

    test('the details of a send open at their title, with the title focused', async ({ page, host }) => {
      await restartWithHistory(host, [recordLine(1, { outcome: 'timeout', delivery: 'unknown', error: 'timeout detail', httpStatus: null })]);
      await goTo(page, 'history');
      await page.getByRole('grid', { name: 'История отправок' }).getByRole('rowgroup').nth(1).getByRole('row').first().click();
      const dialog = page.getByRole('dialog');
      const title = dialog.getByRole('heading', { name: /^Отправка на \+7 900 000-00-01$/ });
      await expect(title).toBeFocused();
      await expect(title).toBeInViewport({ ratio: 1 });
      expect(await dialog.evaluate((element) => element.scrollTop)).toBe(0);
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
    });
  });

  test.describe(`on first run at ${viewport.width} × ${viewport.height}`, () => {
    test.use({ viewport, firstRunDone: false });

    test('both choices are in view without scrolling', async ({ page, host: _host }) => {
      await expect(page.getByRole('heading', { name: 'Добро пожаловать в TG Code Desk' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Сохранить и начать' })).toBeInViewport({ ratio: 1 });
      await expect(page.getByRole('button', { name: 'Попробовать без токена' })).toBeInViewport({ ratio: 1 });
      await expect(page.getByRole('heading', { name: 'У меня есть токен' })).toBeInViewport({ ratio: 1 });
      await expect(page.getByRole('heading', { name: 'Сначала попробовать' })).toBeInViewport({ ratio: 1 });
      expect(await page.locator('main').evaluate((main) => main.scrollTop)).toBe(0);
    });
  });
}
