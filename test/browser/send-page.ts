import { expect, type Page, type Request } from '@playwright/test';
import { checkPhone } from '../../shared/phone.ts';

const LABELS = {
  ru: { form: 'Отправить код в Telegram', phone: 'Номер телефона', ownCode: 'Свой код', code: 'Код из 4 цифр', send: 'Отправить код', sending: 'Отправляем…', result: 'Результат отправки' },
  en: { form: 'Send a code to Telegram', phone: 'Phone number', ownCode: 'Own code', code: '4-digit code', send: 'Send code', sending: 'Sending…', result: 'Send result' },
};

/** In the test host every send is one POST to this path; in the Electron app it is IPC, with no request to see. */
const isSendCall = (url: string) => new URL(url).pathname === '/__ipc/send:code';
const onTestHost = (page: Page) => /^https?:/.test(page.url());

/** The send screen as an operator finds it, by its visible labels (Russian, the default, unless told). */
export function sendScreen(page: Page, language: keyof typeof LABELS = 'ru') {
  const labels = LABELS[language];
  const form = page.getByRole('form', { name: labels.form });
  const phone = page.getByLabel(labels.phone);
  const phoneStatus = page.getByTestId('phone-status');
  const ownCode = page.getByRole('checkbox', { name: labels.ownCode });
  const code = page.getByLabel(labels.code);
  const sendButton = page.getByRole('button', { name: new RegExp(`^(${labels.send}|${labels.sending})$`) });
  const result = page.getByRole('region', { name: labels.result });
  const sentCode = result.getByTestId('sent-code');
  return {
    form,
    phone,
    phoneStatus,
    ownCode,
    code,
    sendButton,
    result,
    sentCode,
    /** The polite announcement of the last result. */
    announcement: result.getByTestId('result-announcement'),
    /** The note that a press was ignored as an immediate repeat. */
    repeatNote: page.getByTestId('repeat-note'),
    /** Types a number and sends it with the button; returns once this send has been answered and shown. */
    async send(number: string, options: { code?: string } = {}) {
      await phone.fill(number);
      if (options.code !== undefined) {
        if (!(await ownCode.isChecked())) await ownCode.check();
        await code.fill(options.code);
      } else if (await ownCode.isChecked()) {
        await ownCode.uncheck();
      }
      // The button reads "Send" again before the send has even begun, so wait for the answer itself.
      const answered = onTestHost(page) ? page.waitForResponse((response) => isSendCall(response.url())) : null;
      await sendButton.click();
      await answered;
      await expect(form).toHaveAttribute('aria-busy', 'false');
      const checked = checkPhone(number);
      if (checked.ok) await expect(result).toContainText(checked.display);
    },
  };
}

/** Waits until the send form is idle: no send is under way, so none can still be on its way out. */
export async function settle(page: Page): Promise<void> {
  await expect(page.getByRole('form', { name: new RegExp(`^(${LABELS.ru.form}|${LABELS.en.form})$`) })).toHaveAttribute('aria-busy', 'false');
}

/**
 * Records the send requests the page makes (test host only), for "one intent, one request": `count()`
 * answers once the form is idle and every request made has been answered.
 */
export function recordSends(page: Page) {
  const requests: Request[] = [];
  page.on('request', (request) => {
    if (isSendCall(request.url())) requests.push(request);
  });
  return {
    async count(): Promise<number> {
      await settle(page);
      await Promise.all(requests.map((request) => request.response()));
      return requests.length;
    },
  };
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
