import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import { isValidCode } from '../../../shared/code.ts';
import { SentData, type ApiOutcome, type OutcomeKind } from '../../../shared/send-outcome.ts';
import { Token } from '../../../shared/token-schema.ts';
import { redactSecrets } from '../log/redact.ts';
import { readBalanceAnswer, readStatusAnswer, type BalanceAnswer, type StatusAnswer } from './account-answers.ts';
import { buildAccountUrl } from './account-url.ts';
import { readBillingAnswer, type BillingAnswer } from './billing-answer.ts';
import { exchange, failure, type ExchangeResult, type Failure, type RawResponse } from './http-exchange.ts';
import { refusalKind } from './refusal-kind.ts';
import { parseRetryAfter } from './retry-after.ts';
import { UnsafeRequestError } from './unsafe-request-error.ts';

export { UnsafeRequestError };

export interface ApiClientOptions {
  /** e.g. `https://api.telefon-ip.ru/api/v1/authcalls`, already validated by the settings schema. */
  baseUrl: string;
  method?: 'GET' | 'POST';
  timeoutMs?: number;
  maxBodyBytes?: number;
  /**
   * A kept-alive connection idle this long is closed. Servers and proxies drop idle connections, and a
   * send written into one that was just dropped ends "outcome unknown" although nothing arrived.
   */
  idleSocketMs?: number;
}

export interface SendCodeParams {
  /** Passed per send, so the client never holds the token between sends. */
  token: string;
  /** Canonical `7XXXXXXXXXX`. */
  phone: string;
  /** The first digit the API expects: its example uses 7, its error text 8. */
  prefix?: '7' | '8';
  code?: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BODY = 64 * 1024;
/** A thousand billed transactions run to a few hundred kilobytes. */
const BILLING_MAX_BODY = 2 * 1024 * 1024;
const DEFAULT_IDLE_SOCKET_MS = 3_000;
const CANONICAL_PHONE = /^7[0-9]{10}$/;

// Only `success` decides; `error` may be missing or null (the page promises a string, the client copes).
const Body = z.object({ success: z.boolean(), error: z.string().nullish(), data: z.unknown() });

/**
 * Builds the request URL from validated parts only. Each part is checked against a closed alphabet
 * (hex and dashes, digits) before it is placed, and the result is checked again, so no input can add a
 * path segment or a query parameter. Throws UnsafeRequestError, whose message never holds the token.
 */
export function buildRequestUrl(baseUrl: string | URL, params: SendCodeParams): URL {
  const { token } = params;
  if (!Token.safeParse(token).success) throw new UnsafeRequestError('token has an invalid format');
  if (!CANONICAL_PHONE.test(params.phone)) throw new UnsafeRequestError('phone is not canonical');
  if (params.code !== undefined && !isValidCode(params.code)) throw new UnsafeRequestError('code is not 4 digits');
  const base = typeof baseUrl === 'string' ? new URL(baseUrl) : baseUrl;
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new UnsafeRequestError('base URL must be http(s)');
  const phone = `${params.prefix ?? '7'}${params.phone.slice(1)}`;
  const basePath = base.pathname.replace(/\/+$/, '');
  const path = `${basePath}/${encodeURIComponent(token.trim())}/get_tg_code/${phone}/`;
  const search = params.code === undefined ? '' : `?code=${params.code}`;
  const url = new URL(`${base.origin}${path}${search}`);
  if (url.pathname !== path || url.search !== search || url.hash !== '' || url.origin !== base.origin) {
    throw new UnsafeRequestError('request URL would leave the action path');
  }
  return url;
}

/**
 * One telefon-ip client per API address and connection settings. It never retries a send: a second
 * attempt could deliver a second code, so the caller learns whether a code may have left (`delivery`)
 * and decides.
 */
export class ApiClient {
  readonly #options: Required<ApiClientOptions>;
  readonly #base: URL;
  readonly #agent: http.Agent;
  #inFlight = 0;
  #closing = false;

  constructor(options: ApiClientOptions) {
    this.#options = {
      method: 'GET',
      timeoutMs: DEFAULT_TIMEOUT_MS,
      maxBodyBytes: DEFAULT_MAX_BODY,
      idleSocketMs: DEFAULT_IDLE_SOCKET_MS,
      ...options,
    };
    this.#base = new URL(options.baseUrl);
    // Keep-alive saves a TLS handshake per send for an operator sending codes back to back; the socket
    // timeout makes the agent close connections left idle (it destroys a free socket that times out).
    const agentOptions = { keepAlive: true, maxSockets: 8, timeout: this.#options.idleSocketMs };
    this.#agent = this.#base.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  }

  /** Closes the connections once the sends under way have ended; a send is never cut off. */
  close(): void {
    this.#closing = true;
    if (this.#inFlight === 0) this.#agent.destroy();
  }

  async sendCode(params: SendCodeParams): Promise<ApiOutcome> {
    const url = buildRequestUrl(this.#base, params);
    const clean = cleanerFor(params.token);
    const started = performance.now();
    const result = await this.#call(url);
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    const answer: Answer = 'response' in result ? interpret(result.response) : { kind: 'failed', outcome: result.failure };
    // Error text comes from sockets and from the service, and a success carries the service's own
    // strings too: none of it may carry the token onward.
    if (answer.kind === 'failed') return { ...answer.outcome, message: clean(answer.outcome.message), durationMs };
    const data = answer.data;
    return {
      kind: 'sent',
      delivery: 'sent',
      httpStatus: answer.httpStatus,
      data: {
        phone: data.phone === null ? null : clean(data.phone),
        code: data.code,
        id: data.id,
        operator_name: data.operator_name === null ? null : clean(data.operator_name),
        channel: data.channel === null ? null : clean(data.channel),
        status: data.status,
        status_info: data.status_info === null ? null : clean(data.status_info),
      },
      durationMs,
    };
  }

  /** get_status/{id}: read-only, so the caller may ask again. Reasons and texts come back token-free. */
  async getStatus(params: { token: string; id: number }): Promise<StatusAnswer> {
    const clean = cleanerFor(params.token);
    const result = await this.#call(buildAccountUrl(this.#base, params.token, { action: 'get_status', id: params.id }));
    if ('failure' in result) return { kind: 'failed', reason: clean(result.failure.message), final: false };
    const answer = readStatusAnswer(result.response, params.id);
    if (answer.kind === 'failed') return { ...answer, reason: clean(answer.reason) };
    return {
      ...answer,
      statusInfo: answer.statusInfo === null ? null : clean(answer.statusInfo),
      createdAt: answer.createdAt === null ? null : clean(answer.createdAt, TIME_TEXT_MAX),
    };
  }

  /** get_balance: read-only. */
  async getBalance(params: { token: string }): Promise<BalanceAnswer> {
    const clean = cleanerFor(params.token);
    const result = await this.#call(buildAccountUrl(this.#base, params.token, { action: 'get_balance' }));
    if ('failure' in result) return { kind: 'failed', reason: clean(result.failure.message) };
    const answer = readBalanceAnswer(result.response);
    return answer.kind === 'failed' ? { ...answer, reason: clean(answer.reason) } : answer;
  }

  /** get_billing_record/{count}: read-only. Reasons and texts come back token-free. */
  async getBillingRecord(params: { token: string; count: number }): Promise<BillingAnswer> {
    const clean = cleanerFor(params.token);
    let url: URL;
    try {
      url = buildAccountUrl(this.#base, params.token, { action: 'get_billing_record', count: params.count });
    } catch (error) {
      // Its message names the part that was refused, never the token.
      if (error instanceof UnsafeRequestError) return { kind: 'failed', reason: error.message };
      throw error;
    }
    const result = await this.#call(url, BILLING_MAX_BODY);
    if ('failure' in result) return { kind: 'failed', reason: clean(result.failure.message) };
    const answer = readBillingAnswer(result.response);
    if (answer.kind !== 'read') return { ...answer, reason: clean(answer.reason) };
    return {
      ...answer,
      items: answer.items.map((item) => ({
        ...item,
        createdAt: item.createdAt === null ? null : clean(item.createdAt, TIME_TEXT_MAX),
        statusInfo: item.statusInfo === null ? null : clean(item.statusInfo),
      })),
    };
  }

  /** One request, counted so that close() never cuts it off. No await of its own: the send path pays for none. */
  #call(url: URL, maxBodyBytes = this.#options.maxBodyBytes): Promise<ExchangeResult> {
    const { method, timeoutMs } = this.#options;
    this.#inFlight++;
    return exchange(url, { method, agent: this.#agent, timeoutMs, maxBodyBytes }).finally(() => {
      this.#inFlight--;
      if (this.#closing && this.#inFlight === 0) this.#agent.destroy();
    });
  }
}

/**
 * For every text that came from a socket or the service: no token goes onward, and no essay either. A
 * server may echo the token in any form (dash-less, %2D, upper-case, split by invisible characters): the
 * known token and the token shape are both searched for, in every normalised form.
 */
const cleanerFor =
  (token: string) =>
  (text: string, max = 500): string =>
    redactSecrets(text, [token]).slice(0, max);

/** A `created_at` is a date and a time; anything longer is not one. */
const TIME_TEXT_MAX = 40;

type Answer = { kind: 'sent'; httpStatus: number; data: SentData } | { kind: 'failed'; outcome: Failure };

const failed = (...args: Parameters<typeof failure>): Answer => ({ kind: 'failed', outcome: failure(...args) });

const STATUS_KINDS: Record<number, Exclude<OutcomeKind, 'sent'>> = {
  400: 'invalid_phone',
  401: 'unauthorized',
  429: 'rate_limited',
};

/** What a refusal says; only the parts needed to tell it from a send. */
const Refusal = z.object({ status: z.literal(false), status_info: z.string().nullish() });

/** Keeps an integer too large for a double as the digits the service wrote. */
const keepDigits = (_key: string, value: unknown, context?: { source?: string }) =>
  typeof value === 'number' && !Number.isSafeInteger(value) && context?.source !== undefined && /^[0-9]+$/.test(context.source) ? context.source : value;

/**
 * JSON.parse rounds an integer beyond 2^53 (an id of 18 digits comes back changed); such an id is read
 * again keeping the digits the service wrote, so it is shown and stored as sent, never rounded. Only an
 * answer that has one pays for the second parse.
 */
function parseJson(body: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const id = (json as { data?: { id?: unknown } } | null)?.data?.id;
  return typeof id === 'number' && !Number.isSafeInteger(id) ? JSON.parse(body, keepDigits) : json;
}

/** Why a successful answer's data cannot be used, without the code itself (it is never logged in clear). */
function unusableData(data: unknown): string {
  const code = typeof data === 'object' && data !== null ? (data as { code?: unknown }).code : undefined;
  if (code === undefined || code === null || code === '') return 'data has no code';
  if (isValidCode(String(code))) return 'data does not match the documented shape';
  const length = String(code).length;
  return `code is not 4 ASCII digits (a ${typeof code} of ${length} character${length === 1 ? '' : 's'})`;
}

/**
 * Turns any HTTP answer into an outcome. Success needs `success: true` and a code of four digits: a send
 * that went out is not reported as failed because another documented field is missing or null (the code
 * would be lost). A refusal is checked before the code, as it may come without one.
 */
function interpret({ status, body, retryAfter }: RawResponse): Answer {
  const json = parseJson(body);
  const parsed = Body.safeParse(json);
  const serviceError = parsed.success ? (parsed.data.error ?? '') : '';
  const known = STATUS_KINDS[status];
  if (known) return failed(known, 'not_sent', status, serviceError || `HTTP ${status}`, status === 429 ? parseRetryAfter(retryAfter, Date.now()) : null);
  if (status >= 500) return failed('server_error', 'unknown', status, serviceError || `HTTP ${status}`);
  if (status !== 200) return failed('unexpected_response', status >= 400 ? 'not_sent' : 'unknown', status, `HTTP ${status}`);
  if (!parsed.success) return failed('unexpected_response', 'unknown', status, json === undefined ? 'body is not JSON' : 'body does not match the documented shape');
  if (!parsed.data.success) return failed(refusalKind(serviceError), 'not_sent', status, serviceError || 'success is false');
  // Checked by hand first: a failed zod parse builds its issues, and every send that went out would pay for it.
  const refusal = (parsed.data.data as { status?: unknown } | null)?.status === false ? Refusal.safeParse(parsed.data.data) : null;
  if (refusal?.success) {
    const said = refusal.data.status_info ?? '';
    return failed(refusalKind(said), 'not_sent', status, said || 'status is false');
  }
  const data = SentData.safeParse(parsed.data.data);
  if (!data.success) return failed('unexpected_response', 'unknown', status, unusableData(parsed.data.data));
  return { kind: 'sent', httpStatus: status, data: data.data };
}
