/**
 * get_billing_record/{N}: the account's last N billed transactions. Read-only, so it may be asked again,
 * unlike a send. The URL is built from validated parts only (a token-shaped token, a positive integer N),
 * and no text that leaves this module holds the token.
 */
import http from 'node:http';
import https from 'node:https';
import { Token } from '../../../shared/token-schema.ts';
import { redactSecrets } from '../log/redact.ts';
import { UnsafeRequestError } from './api-client.ts';

/** The most transactions one request asks for (the provider documents no limit; its example asks for 50). */
export const MAX_BILLING_RECORDS = 1000;
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function buildBillingUrl(baseUrl: string | URL, token: string, count: number): URL {
  if (!Token.safeParse(token).success) throw new UnsafeRequestError('token has an invalid format');
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_BILLING_RECORDS) throw new UnsafeRequestError('count is not a positive integer within the limit');
  const base = typeof baseUrl === 'string' ? new URL(baseUrl) : baseUrl;
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new UnsafeRequestError('base URL must be http(s)');
  const path = `${base.pathname.replace(/\/+$/, '')}/${encodeURIComponent(token.trim())}/get_billing_record/${count}/`;
  const url = new URL(`${base.origin}${path}`);
  if (url.pathname !== path || url.search !== '' || url.hash !== '' || url.origin !== base.origin) {
    throw new UnsafeRequestError('request URL would leave the action path');
  }
  return url;
}

export type BillingFetch = { kind: 'answer'; status: number; body: string } | { kind: 'failed'; reason: string };

export interface BillingRequest {
  baseUrl: string;
  token: string;
  count: number;
  timeoutMs: number;
}

/** One GET on its own connection; never throws. Failure reasons are redacted. */
export function fetchBillingRecord(request: BillingRequest): Promise<BillingFetch> {
  let url: URL;
  try {
    url = buildBillingUrl(request.baseUrl, request.token, request.count);
  } catch (error) {
    return Promise.resolve({ kind: 'failed', reason: error instanceof UnsafeRequestError ? error.message : 'request not built' });
  }
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: BillingFetch) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result.kind === 'failed' ? { kind: 'failed', reason: redactSecrets(result.reason, [request.token]).slice(0, 300) } : result);
    };
    const req = transport.request(url, { method: 'GET', agent: false, headers: { accept: 'application/json' } });
    const timer = setTimeout(() => {
      finish({ kind: 'failed', reason: `no answer within ${request.timeoutMs} ms` });
      req.destroy();
    }, request.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'failed', reason: error.code ?? error.message }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          finish({ kind: 'failed', reason: `answer larger than ${MAX_BODY_BYTES} bytes` });
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => finish({ kind: 'answer', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'failed', reason: error.code ?? error.message }));
    });
    req.end();
  });
}
