/** A custom code is exactly four ASCII digits (the API's "длина кода четыре знака"). */
export const CODE_PATTERN = /^[0-9]{4}$/;

export function isValidCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}

/** How long the code stays visible in the person's Telegram chat, per the API page. */
export const CODE_VISIBLE_MS = 90_000;
