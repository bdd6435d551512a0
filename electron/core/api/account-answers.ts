/**
 * Reads get_status and get_balance answers leniently (get_billing_record's: billing-answer.ts): the
 * provider's page and its public clients disagree on types (`status` 1/0 or true/false, ids as strings), so each field is taken when it is
 * readable and plausible and dropped otherwise, and any answer that cannot say what it should is
 * `unknown` with a reason. Nothing here ever turns an unreadable answer into "delivered".
 */
import { z } from 'zod';
import type { RawResponse } from './http-exchange.ts';

/** What one get_status request told about one send; strings are not yet redacted. */
export type StatusAnswer =
  | { kind: 'known' | 'unknown'; delivered: boolean | null; statusInfo: string | null; price: number | null; createdAt: string | null; reason: string | null }
  | { kind: 'failed'; reason: string; /** Asking again cannot help (the token was refused). */ final: boolean };

export type BalanceAnswer =
  | { kind: 'known'; balance: number; price: number | null; balanceLimit: number | null }
  | { kind: 'failed'; reason: string };

/** Larger than any account could hold: a number past it is a broken answer, not money. */
const MAX_MONEY = 1e9;
/** No single send costs more than this many roubles. */
const MAX_PRICE = 10_000;
const NUMERIC = /^-?[0-9]{1,12}(\.[0-9]{1,12})?$/;

const Envelope = z.object({ success: z.boolean(), error: z.string().nullish(), data: z.unknown() });

function number(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value.trim());
  return null;
}

/** A price in roubles: never negative, never absurd. */
export function readPrice(value: unknown): number | null {
  const price = number(value);
  return price !== null && price >= 0 && price <= MAX_PRICE ? price : null;
}

function readMoney(value: unknown): number | null {
  const money = number(value);
  return money !== null && Math.abs(money) <= MAX_MONEY ? money : null;
}

function readFlag(value: unknown): boolean | null {
  if (value === true || value === 1 || value === '1' || value === 'true') return true;
  if (value === false || value === 0 || value === '0' || value === 'false') return false;
  return null;
}

/** Kept whole: the client cuts it to length only after removing the token, so no part of one is left. */
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** The envelope's `data`, whatever its shape, or why there is none. */
export function envelopeData({ status, body }: RawResponse): { data: unknown } | { reason: string; final: boolean } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { reason: status === 200 ? 'answer is not JSON' : `HTTP ${status}`, final: false };
  }
  const envelope = Envelope.safeParse(json);
  const serviceError = envelope.success ? (envelope.data.error ?? '') : '';
  if (status !== 200) return { reason: serviceError || `HTTP ${status}`, final: status === 401 };
  if (!envelope.success) return { reason: 'answer does not have the documented shape', final: false };
  if (!envelope.data.success) return { reason: serviceError || 'success is false', final: false };
  return { data: envelope.data.data };
}

/** The envelope's data object, or why there is none. */
function dataOf(response: RawResponse): { data: Record<string, unknown> } | { reason: string; final: boolean } {
  const got = envelopeData(response);
  if ('reason' in got) return got;
  const { data } = got;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { reason: 'answer has no data object', final: false };
  return { data: data as Record<string, unknown> };
}

export function readStatusAnswer(response: RawResponse, id: number): StatusAnswer {
  const got = dataOf(response);
  if ('reason' in got) return { kind: 'failed', reason: got.reason, final: got.final };
  const { data } = got;
  // An answer about another send must not be recorded on this one.
  if (data.id !== undefined && number(data.id) !== id) return { kind: 'failed', reason: 'answer is about another id', final: false };
  const delivered = readFlag(data.status);
  return {
    kind: delivered === null ? 'unknown' : 'known',
    delivered,
    statusInfo: text(data.status_info),
    price: readPrice(data.price),
    createdAt: text(data.created_at),
    reason: delivered === null ? 'status is missing or not 1/0 or true/false' : null,
  };
}

export function readBalanceAnswer(response: RawResponse): BalanceAnswer {
  const got = dataOf(response);
  if ('reason' in got) return { kind: 'failed', reason: got.reason };
  const balance = readMoney(got.data.balance);
  if (balance === null) return { kind: 'failed', reason: 'balance is missing or not a number' };
  return { kind: 'known', balance, price: readPrice(got.data.price), balanceLimit: readMoney(got.data.balance_limit) };
}
