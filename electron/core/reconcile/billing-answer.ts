/**
 * Reads a get_billing_record answer leniently. The provider documents the item shape only partly, so
 * every field is optional and unknown fields are allowed; an item is kept when it is an object, and
 * whatever of its fields is readable is taken. An answer that is not the documented envelope around an
 * array says so (`unreadable`) instead of being read as "no transactions".
 */
import { z } from 'zod';

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

export type BillingAnswer = { kind: 'read'; items: BillingItem[]; unreadableItems: number } | { kind: 'unreadable'; reason: string };

const Envelope = z.object({ success: z.boolean(), error: z.string().nullish(), data: z.unknown() });
const NAIVE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** Moscow has kept UTC+3 all year since 2014; the provider is there and its times name no zone. */
const PROVIDER_OFFSET_MS = 3 * 3_600_000;
const MAX_PRICE = 10_000;

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : typeof value === 'number' && Number.isFinite(value) ? String(value) : null;

/** `79…` or `89…`, 11 digits, as either form the API uses; anything else is unreadable. */
function canonicalPhone(value: unknown): string | null {
  const digits = text(value, 20)?.replace(/[^0-9]/g, '') ?? '';
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

function price(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}(\.\d{1,9})?$/.test(value.trim()) ? Number(value) : Number.NaN;
  return Number.isFinite(number) && number >= 0 && number <= MAX_PRICE ? number : null;
}

function code(value: unknown): string | null {
  const digits = text(value, 16);
  return digits !== null && /^[0-9]{4}$/.test(digits) ? digits : null;
}

export function readBillingAnswer(status: number, body: string): BillingAnswer {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'unreadable', reason: status === 200 ? 'answer is not JSON' : `HTTP ${status}` };
  }
  const envelope = Envelope.safeParse(json);
  const serviceError = envelope.success ? (envelope.data.error ?? '') : '';
  if (status !== 200) return { kind: 'unreadable', reason: serviceError || `HTTP ${status}` };
  if (!envelope.success) return { kind: 'unreadable', reason: 'answer does not have the documented shape' };
  if (!envelope.data.success) return { kind: 'unreadable', reason: serviceError || 'success is false' };
  const { data } = envelope.data;
  if (!Array.isArray(data)) return { kind: 'unreadable', reason: 'data is not a list of transactions' };
  const items: BillingItem[] = [];
  let unreadableItems = 0;
  for (const item of data) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      unreadableItems += 1;
      continue;
    }
    const fields = item as Record<string, unknown>;
    const createdAt = text(fields.created_at, 40);
    items.push({
      phone: canonicalPhone(fields.phone),
      createdAt,
      at: providerTime(createdAt),
      code: code(fields.code_auth ?? fields.code),
      price: price(fields.price),
      statusInfo: text(fields.status_info, 200),
    });
  }
  return { kind: 'read', items, unreadableItems };
}
