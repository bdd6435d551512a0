import { expect, type Page } from '@playwright/test';
import type { TgCodeApi } from '../../shared/client.ts';
import type { SettingsPatch } from '../../shared/settings-schema.ts';
import { checkPhone } from '../../shared/phone.ts';

const LABELS = {
  ru: { phone: 'Номер телефона', ownCode: 'Свой код', code: 'Код из 4 цифр', send: 'Отправить код', sending: 'Отправляем…', result: 'Результат отправки' },
  en: { phone: 'Phone number', ownCode: 'Own code', code: '4-digit code', send: 'Send code', sending: 'Sending…', result: 'Send result' },
};

/** The send screen as an operator finds it, by its visible labels (Russian, the default, unless told). */
export function sendScreen(page: Page, language: keyof typeof LABELS = 'ru') {
  const labels = LABELS[language];
  const phone = page.getByLabel(labels.phone);
  const phoneStatus = page.getByTestId('phone-status');
  const ownCode = page.getByRole('checkbox', { name: labels.ownCode });
  const code = page.getByLabel(labels.code);
  const sendButton = page.getByRole('button', { name: new RegExp(`^(${labels.send}|${labels.sending})$`) });
  const result = page.getByRole('region', { name: labels.result });
  const sentCode = result.getByTestId('sent-code');
  return {
    phone,
    phoneStatus,
    ownCode,
    code,
    sendButton,
    result,
    sentCode,
    /** Types a number and sends it with the button; waits until the card shows this send. */
    async send(number: string, options: { code?: string } = {}) {
      await phone.fill(number);
      if (options.code !== undefined) {
        if (!(await ownCode.isChecked())) await ownCode.check();
        await code.fill(options.code);
      } else if (await ownCode.isChecked()) {
        await ownCode.uncheck();
      }
      await sendButton.click();
      await expect(sendButton).toHaveText(labels.send);
      const checked = checkPhone(number);
      if (checked.ok) await expect(result).toContainText(checked.display);
    },
  };
}

/** Lets any late duplicate reach the simulator before requests are counted. */
export const settle = (page: Page) => page.waitForTimeout(400);

/** Changes settings the way the app does, through the page's `window.tgcode`. */
export async function updateSettings(page: Page, patch: SettingsPatch): Promise<void> {
  await page.evaluate((patch) => (globalThis as unknown as { tgcode: TgCodeApi }).tgcode.settings.update(patch), patch);
}

/** The part of the phone field's text that is selected. */
export function selectedText(page: Page, label: string): Promise<string> {
  return page.getByLabel(label).evaluate((element) => {
    const input = element as unknown as { value: string; selectionStart: number | null; selectionEnd: number | null };
    return input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0);
  });
}

/** Puts text on the clipboard as a copy from another program would. */
export async function copyToClipboard(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  type WithClipboard = { navigator: { clipboard: { writeText(text: string): Promise<void> } } };
  await page.evaluate((text) => (globalThis as unknown as WithClipboard).navigator.clipboard.writeText(text), text);
}

/** When the newest send started, by the app's own clock (the countdown runs from it). */
export function lastSendStartedAt(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const { tgcode } = globalThis as unknown as { tgcode: TgCodeApi };
    const page = await tgcode.history.page({ query: {}, offset: 0, limit: 1 });
    const newest = page.rows[0];
    if (!newest) throw new Error('no send in the history');
    return newest.startedAt;
  });
}
