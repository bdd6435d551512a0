import { expect, goTo, seriousViolations, test } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} colours`, () => {
    test.use({ colorScheme });

    test('the send screen has no serious accessibility problems, in Russian and in English', async ({ page, host: _host }) => {
      // Five full-page scans of a result card that now also holds the caller's check and the provider's status.
      test.slow();
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

/** sRGB channels 0–1 and alpha, from a computed colour: `rgb(…)`, `rgba(…)` or `color(srgb … / a)`. */
function parseColor(text: string): [number, number, number, number] {
  const srgb = /^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)$/.exec(text);
  if (srgb) return [Number(srgb[1]), Number(srgb[2]), Number(srgb[3]), Number(srgb[4] ?? 1)];
  const rgb = /^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(text);
  if (rgb) return [Number(rgb[1]) / 255, Number(rgb[2]) / 255, Number(rgb[3]) / 255, Number(rgb[4] ?? 1)];
  throw new Error(`unexpected colour ${text}`);
}

/** WCAG contrast ratio of a (possibly translucent) text colour over an opaque background. */
function contrast(foreground: string, background: string): number {
  const [br, bg, bb] = parseColor(background);
  const [fr, fg, fb, alpha] = parseColor(foreground);
  const blended = [fr * alpha + br * (1 - alpha), fg * alpha + bg * (1 - alpha), fb * alpha + bb * (1 - alpha)];
  const luminance = (channels: number[]) => {
    const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(blended), luminance([br, bg, bb])].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`placeholders read at 4.5:1 or better (${colorScheme})`, async ({ page, host: _host }) => {
    await page.emulateMedia({ colorScheme });
    const colours = (label: string) =>
      page.getByLabel(label).evaluate((input) => {
        const { getComputedStyle } = globalThis as unknown as { getComputedStyle(element: unknown, pseudo?: string): { color: string; backgroundColor: string } };
        return { text: getComputedStyle(input, '::placeholder').color, background: getComputedStyle(input).backgroundColor };
      });
    const phone = await colours('Номер телефона');
    expect(contrast(phone.text, phone.background)).toBeGreaterThanOrEqual(4.5);
    await goTo(page, 'history');
    const search = await colours('Поиск: номер, код или кто отправил');
    expect(contrast(search.text, search.background)).toBeGreaterThanOrEqual(4.5);
  });
}
