import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { lastSendStartedAt, sendScreen } from './send-page.ts';

/**
 * Pictures of the send screen in each language, colour scheme and kind of result, for review. With
 * TGCODE_DOCS_SCREENSHOTS=1 one of each kind is also copied to docs/screenshots/ (committed). The own
 * code, the number and a stopped clock keep them the same from run to run.
 */
const OUT = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const DOCS = path.resolve(import.meta.dirname, '../../docs/screenshots');
const FOR_DOCS = new Set(['send-success-ru-light', 'send-success-en-dark', 'send-error-ru-dark', 'send-error-en-light']);

async function save(page: Page, name: string) {
  await mkdir(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.png`);
  // Fade-ins and the countdown bar's easing are finished before the picture.
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  if (process.env.TGCODE_DOCS_SCREENSHOTS === '1' && FOR_DOCS.has(name)) {
    await mkdir(DOCS, { recursive: true });
    await copyFile(file, path.join(DOCS, `${name}.png`));
  }
}

for (const language of ['ru', 'en'] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${language}, ${colorScheme}`, () => {
      test.use({ colorScheme });

      test.beforeEach(async ({ page, host: _host }) => {
        if (language === 'en') {
          await page.getByLabel('Язык').selectOption('en');
          await expect(page.locator('html')).toHaveAttribute('lang', 'en');
        }
        await page.clock.install();
      });

      test('success', async ({ page }) => {
        const screen = sendScreen(page, language);
        await screen.phone.fill('+7 (924) 355-51-00');
        await screen.ownCode.check();
        await screen.code.fill('4827');
        await screen.sendButton.click();
        await expect(screen.sentCode).toHaveText('4827');
        await page.clock.pauseAt((await lastSendStartedAt(page)) + 25_000);
        await expect(screen.result.getByRole('timer')).toContainText('65');
        // The measured request time differs on every run; the picture shows a typical one.
        const typical = language === 'ru' ? '142 мс' : '142 ms';
        await screen.result.getByText(/^\d+ (мс|ms)$/).evaluate((node, text) => (node.textContent = text), typical);
        await save(page, `send-success-${language}-${colorScheme}`);
      });

      test('error', async ({ page }) => {
        const screen = sendScreen(page, language);
        await page.route('**/__ipc/send:code', async (route) => {
          const reply = await route.fetch();
          const envelope = (await reply.json()) as { ok: boolean; value: { durationMs: number } };
          envelope.value.durationMs = 412;
          await route.fulfill({ response: reply, json: envelope });
        });
        await screen.phone.fill('8 900 000 04 44');
        await screen.sendButton.click();
        await expect(screen.result.getByRole('heading', { level: 3 })).toBeVisible();
        await screen.phone.fill('8 495 123 45 67');
        await screen.phone.blur();
        await save(page, `send-error-${language}-${colorScheme}`);
      });
    });
  }
}
