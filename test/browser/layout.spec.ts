import type { Page } from '@playwright/test';
import { expect, goTo, sandboxBanner, test } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

/** Scrolls with the mouse wheel over the top of the screen (its margin), as far as the screen goes. */
async function scrollDown(page: Page) {
  await page.locator('main').hover({ position: { x: 8, y: 8 } });
  await page.mouse.wheel(0, 10_000);
}

/** The top bar and the sandbox banner, both entirely in view. */
async function expectChromeInView(page: Page) {
  await expect(page.getByRole('navigation', { name: 'Разделы' })).toBeInViewport({ ratio: 1 });
  await expect(sandboxBanner(page)).toBeInViewport({ ratio: 1 });
}

/** Which parts are wider than the room they have, i.e. would scroll sideways. */
function sidewaysScroll(page: Page) {
  return page.evaluate(() => {
    type Box = { scrollWidth: number; clientWidth: number };
    const doc = (globalThis as unknown as { document: { scrollingElement: Box; querySelector(selector: string): Box | null } }).document;
    const wider = (box: Box | null) => box !== null && box.scrollWidth > box.clientWidth;
    return { page: wider(doc.scrollingElement), main: wider(doc.querySelector('main')), result: wider(doc.querySelector('.result__card')) };
  });
}

test('on the long settings screen the top bar and the sandbox banner stay in view to the bottom', async ({ page, host: _host }) => {
  await goTo(page, 'settings');
  // The forms arrive after the heading: scroll once the screen is all there.
  await expect(page.getByRole('button', { name: 'Сохранить настройки рабочего места', exact: true })).toBeAttached();
  await scrollDown(page);
  // The screen really did scroll: its heading is gone and its last button is in view.
  await expect(page.getByRole('heading', { level: 2, name: 'Настройки' })).not.toBeInViewport();
  await expect(page.getByRole('button', { name: 'Сохранить настройки рабочего места', exact: true })).toBeInViewport();
  await expectChromeInView(page);
});

test.describe('at the smallest window, 720 × 560', () => {
  test.use({ viewport: { width: 720, height: 560 } });

  test('the history keeps the top bar and the sandbox banner in view', async ({ page, host: _host }) => {
    await goTo(page, 'history');
    await scrollDown(page);
    await expectChromeInView(page);
  });

  test('a successful send in Russian fits without sideways scrolling', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    await screen.send('+7 924 355-51-00', { code: '4827' });
    await expect(screen.sentCode).toHaveText('4827');
    await expect(screen.result.getByRole('timer')).toBeVisible();
    expect(await sidewaysScroll(page)).toEqual({ page: false, main: false, result: false });
    await expect(screen.sentCode).toBeInViewport();
  });

  test('a failed send in Russian fits too, and so do the settings', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    await screen.send('+7 900 000-02-02');
    await expect(screen.result.getByRole('heading', { name: 'Непонятный ответ сервиса' })).toBeVisible();
    expect(await sidewaysScroll(page)).toEqual({ page: false, main: false, result: false });
    await goTo(page, 'settings');
    expect(await sidewaysScroll(page)).toEqual({ page: false, main: false, result: false });
  });
});
