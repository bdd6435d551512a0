import type { Page } from '@playwright/test';
import { expect, goTo, seriousViolations, test } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name, exact: true });

test('Ctrl+1/2/3 (and Cmd) switch screens from the keyboard alone', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await expect(screen.phone).toBeFocused();
  await page.keyboard.press('Control+2');
  await expect(heading(page, 'История отправок')).toBeAttached();
  await expect(page.getByRole('navigation', { name: 'Разделы' }).getByRole('button', { name: 'История' })).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Control+3');
  await expect(heading(page, 'Настройки')).toBeVisible();
  await page.keyboard.press('Meta+1');
  await expect(heading(page, 'Отправка кода')).toBeVisible();
  await expect(screen.phone).toBeFocused();
  await page.keyboard.press('Meta+3');
  await expect(heading(page, 'Настройки')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Разделы' }).getByRole('button', { name: 'Настройки' })).toHaveAttribute('aria-keyshortcuts', 'Control+3 Meta+3');
});

test('Ctrl+F goes to the history and puts the focus in its search, from any screen', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await screen.send('+7 900 123-45-67');
  await page.keyboard.press('Control+f');
  const search = page.getByLabel('Поиск: номер, код или кто отправил');
  await expect(search).toBeFocused();
  await page.keyboard.type('4567');
  await expect(search).toHaveValue('4567');
  await expect(page.getByTestId('history-count')).toHaveText('1 запись');
  // Again from the history itself, after the focus has moved on: the search is selected for a new one.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+f');
  await expect(search).toBeFocused();
  await page.keyboard.type('900');
  await expect(search).toHaveValue('900');
});

test('Esc clears the phone field; with a dialog open it closes the dialog first', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await screen.phone.pressSequentially('924 355 51 00');
  await page.keyboard.press('Escape');
  await expect(screen.phone).toHaveValue('');
  await expect(screen.phone).toBeFocused();

  await screen.phone.pressSequentially('924 355 51 00');
  // The focus elsewhere on the screen: Esc still clears the number, and brings the focus back to it.
  await screen.ownCode.focus();
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Клавиши' });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(screen.phone).toHaveValue('924 355 51 00');
  await page.keyboard.press('Escape');
  await expect(screen.phone).toHaveValue('');
  await expect(screen.phone).toBeFocused();
});

test('F1 or "?" opens the shortcuts help, in both languages; "?" typed into a field stays text', async ({ page, host: _host }) => {
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+?');
  const help = page.getByRole('dialog', { name: 'Клавиши' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('button', { name: 'Закрыть' })).toBeFocused();
  for (const [keys, action] of [
    ['Ctrl+1', 'Экран отправки'],
    ['Ctrl+2', 'История'],
    ['Ctrl+3', 'Настройки'],
    ['Ctrl+F', 'Поиск в истории'],
    ['Esc', 'Очистить номер; если открыто окно — закрыть его'],
    ['F1 или ?', 'Эта справка'],
  ]) {
    await expect(help.getByRole('row', { name: `${keys} ${action}` })).toBeVisible();
  }
  await page.keyboard.press('Enter');
  await expect(help).toHaveCount(0);

  // In a text field "?" is a character, not a shortcut.
  const phone = sendScreen(page).phone;
  await phone.focus();
  await page.keyboard.press('Shift+?');
  await expect(phone).toHaveValue('?');
  await expect(help).toHaveCount(0);

  await page.getByLabel('Язык').selectOption('en');
  await page.keyboard.press('F1');
  const english = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(english.getByRole('row', { name: 'Ctrl+F Search the history' })).toBeVisible();
  await expect(english.getByRole('row', { name: 'F1 or ? This help' })).toBeVisible();
  await english.getByRole('button', { name: 'Close' }).press('Enter');
  await expect(english).toHaveCount(0);
});

test('the top bar button opens the help too, and names its key', async ({ page, host: _host }) => {
  const button = page.getByRole('button', { name: 'Клавиши' });
  await expect(button).toHaveAttribute('aria-keyshortcuts', 'F1');
  await button.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Клавиши' })).toBeVisible();
});

test('screen shortcuts wait while the help is open', async ({ page, host: _host }) => {
  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog', { name: 'Клавиши' })).toBeVisible();
  await page.keyboard.press('Control+2');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Клавиши' })).toHaveCount(0);
  // Still the send screen: Ctrl+2 was pressed while the help had the keyboard.
  await expect(heading(page, 'Отправка кода')).toBeVisible();
  await page.keyboard.press('Control+2');
  await expect(heading(page, 'История отправок')).toBeAttached();
});

for (const viewport of [
  { width: 1100, height: 760 },
  { width: 720, height: 560 },
]) {
  test.describe(`at ${viewport.width} × ${viewport.height}`, () => {
    test.use({ viewport });
    test('the help fits the window whole', async ({ page, host: _host }) => {
      await page.keyboard.press('F1');
      const help = page.getByRole('dialog', { name: 'Клавиши' });
      await expect(help.getByRole('heading', { name: 'Клавиши' })).toBeInViewport({ ratio: 1 });
      await expect(help.getByRole('button', { name: 'Закрыть' })).toBeInViewport({ ratio: 1 });
    });
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the shortcuts help has no serious accessibility problems (${colorScheme})`, async ({ page, host: _host }) => {
    await page.emulateMedia({ colorScheme });
    await goTo(page, 'history');
    await page.keyboard.press('F1');
    await expect(page.getByRole('dialog', { name: 'Клавиши' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
