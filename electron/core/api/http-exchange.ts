import http from 'node:http';
import https from 'node:https';
import type { Delivery, FailedOutcome, OutcomeKind } from '../../../shared/send-outcome.ts';

export interface RawResponse {
  status: number;
  body: string;
  /** The Retry-After header, as sent (a 429 says how long to wait with it). */
  retryAfter: string | undefined;
}

export type Failure = Omit<FailedOutcome, 'durationMs'>;
export type ExchangeResult = { response: RawResponse } | { failure: Failure };

export interface ExchangeOptions {
  method: 'GET' | 'POST';
  agent: http.Agent;
  timeoutMs: number;
  maxBodyBytes: number;
}

export function failure(kind: Exclude<OutcomeKind, 'sent'>, delivery: Delivery, httpStatus: number | null, message: string, retryAfterS: number | null = null): Failure {
  return { kind, delivery, httpStatus, message, retryAfterS };
}

/**
 * One HTTP request to the telefon-ip API, never retried here: the answer as it came, or a failure that
 * says whether the request may have reached the service (`delivery`). Body size and time are capped.
 */
export function exchange(url: URL, { method, agent, timeoutMs, maxBodyBytes }: ExchangeOptions): Promise<ExchangeResult> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let left = false;
    let settled = false;
    const finish = (value: ExchangeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const req = transport.request(url, {
      method,
      agent,
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
      res.on('end', () => finish({ response: { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), retryAfter: res.headers['retry-after'] } }));
      res.on('error', (error: NodeJS.ErrnoException) => {
        finish({ failure: failure('network_error', 'unknown', res.statusCode ?? null, error.code ?? error.message) });
      });
    });
    req.end();
  });
}
