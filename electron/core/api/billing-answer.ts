/**
 * Reads a get_billing_record answer leniently. The provider documents the item shape only partly, so
 * every field is optional and unknown fields are allowed; an item is kept when it is an object, and
 * whatever of its fields is readable is taken. An answer that is not the documented envelope around an
 * array says so (`unreadable`) instead of being read as "no transactions".
 */
import { envelopeData, readPrice } from './account-answers.ts';
import type { RawResponse } from './http-exchange.ts';

export interface BillingItem {
  /** Canonical 7XXXXXXXXXX when the phone was readable. */
  phone: string | null;
  createdAt: string | null;
  /** Epoch ms; null when the time is missing or unreadable. */
  at: number | null;
  code: string | null;
  price: number | null;
  statusInfo: string | null;
}

export type BillingAnswer =
  | { kind: 'read'; items: BillingItem[]; unreadableItems: number }
  /** An answer came, but not one that lists transactions. */
  | { kind: 'unreadable'; reason: string }
  /** No answer: the request failed on its way. */
  | { kind: 'failed'; reason: string };

const NAIVE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** Moscow has kept UTC+3 all year since 2014; the provider is there and its times name no zone. */
const PROVIDER_OFFSET_MS = 3 * 3_600_000;

/** Kept whole: the client cuts it to length only after removing the token, so no part of one is left. */
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : null;

/** `79…` or `89…`, 11 digits, as either form the API uses; anything else is unreadable. */
function canonicalPhone(value: unknown): string | null {
  const digits = text(value)?.replace(/[^0-9]/g, '') ?? '';
  if (/^[78][0-9]{10}$/.test(digits)) return `7${digits.slice(1)}`;
  if (/^9[0-9]{9}$/.test(digits)) return `7${digits}`;
  return null;
}

export function providerTime(value: string | null): number | null {
  if (value === null) return null;
  if (ZONED_TIME.test(value)) {
    const at = Date.parse(value.replace(' ', 'T'));
    return Number.isFinite(at) ? at : null;
  }
  const m = NAIVE_TIME.exec(value);
  if (!m) return null;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) - PROVIDER_OFFSET_MS;
  return Number.isFinite(at) ? at : null;
}

function code(value: unknown): string | null {
  const digits = text(value);
  return digits !== null && /^[0-9]{4}$/.test(digits) ? digits : null;
}

/** Texts are not yet redacted: the client does that (api-client.ts). */
export function readBillingAnswer(response: RawResponse): BillingAnswer {
  const got = envelopeData(response);
  if ('reason' in got) return { kind: 'unreadable', reason: got.reason };
  const { data } = got;
  if (!Array.isArray(data)) return { kind: 'unreadable', reason: 'data is not a list of transactions' };
  const items: BillingItem[] = [];
  let unreadableItems = 0;
  for (const item of data) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      unreadableItems += 1;
      continue;
    }
    const fields = item as Record<string, unknown>;
    const createdAt = text(fields.created_at);
    items.push({
      phone: canonicalPhone(fields.phone),
      createdAt,
      at: providerTime(createdAt),
      code: code(fields.code_auth ?? fields.code),
      price: readPrice(fields.price),
      statusInfo: text(fields.status_info),
    });
  }
  return { kind: 'read', items, unreadableItems };
}
