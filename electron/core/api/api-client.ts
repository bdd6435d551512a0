import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import { isValidCode } from '../../../shared/code.ts';
import { SentData, type ApiOutcome, type Delivery, type FailedOutcome, type OutcomeKind } from '../../../shared/send-outcome.ts';
import { Token } from '../../../shared/token-schema.ts';
import { redactSecrets } from '../log/redact.ts';
import { refusalKind } from './refusal-kind.ts';
import { parseRetryAfter } from './retry-after.ts';

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

export class UnsafeRequestError extends Error {}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BODY = 64 * 1024;
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

interface RawResponse {
  status: number;
  body: string;
  retryAfter: string | undefined;
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
    // A server may echo the token in any form (dash-less, %2D, upper-case, split by invisible characters):
    // the known token and the token shape are both searched for, in every normalised form.
    const clean = (text: string) => redactSecrets(text, [params.token]).slice(0, 500);
    this.#inFlight++;
    const started = performance.now();
    let result: { response: RawResponse } | { failure: Failure };
    try {
      result = await this.#request(url);
    } finally {
      this.#inFlight--;
      if (this.#closing && this.#inFlight === 0) this.#agent.destroy();
    }
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

  #request(url: URL): Promise<{ response: RawResponse } | { failure: Failure }> {
    const { method, timeoutMs, maxBodyBytes } = this.#options;
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      let left = false;
      let settled = false;
      const finish = (value: { response: RawResponse } | { failure: Failure }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      };
      const req = transport.request(url, {
        method,
        agent: this.#agent,
        headers: { accept: 'application/json', ...(method === 'POST' ? { 'content-length': '0' } : {}) },
      });
      // Once a connection exists the request may have reached the service, so its outcome is unknown.
      req.on('socket', (socket) => {
        if (!socket.connecting) left = true;
        else socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => (left = true));
      });
      const timer = setTimeout(() => {
        finish({ failure: failure('timeout', left ? 'unknown' : 'not_sent', null, `no answer within ${timeoutMs} ms`) });
        req.destroy();
      }, timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => {
        finish({ failure: failure('network_error', left ? 'unknown' : 'not_sent', null, error.code ?? error.message) });
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) {
            finish({ failure: failure('unexpected_response', 'unknown', res.statusCode ?? null, `body larger than ${maxBodyBytes} bytes`) });
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          finish({ response: { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), retryAfter } });
        });
        res.on('error', (error: NodeJS.ErrnoException) => {
          finish({ failure: failure('network_error', 'unknown', res.statusCode ?? null, error.code ?? error.message) });
        });
      });
      req.end();
    });
  }
}

type Failure = Omit<FailedOutcome, 'durationMs'>;
type Answer = { kind: 'sent'; httpStatus: number; data: SentData } | { kind: 'failed'; outcome: Failure };

function failure(kind: Exclude<OutcomeKind, 'sent'>, delivery: Delivery, httpStatus: number | null, message: string, retryAfterS: number | null = null): Failure {
  return { kind, delivery, httpStatus, message, retryAfterS };
}

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
  const refusal = Refusal.safeParse(parsed.data.data);
  if (refusal.success) {
    const said = refusal.data.status_info ?? '';
    return failed(refusalKind(said), 'not_sent', status, said || 'status is false');
  }
  const data = SentData.safeParse(parsed.data.data);
  if (!data.success) return failed('unexpected_response', 'unknown', status, unusableData(parsed.data.data));
  return { kind: 'sent', httpStatus: status, data: data.data };
}
