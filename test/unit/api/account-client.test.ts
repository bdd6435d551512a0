import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../electron/core/api/api-client.ts';
import { buildAccountUrl } from '../../../electron/core/api/account-url.ts';
import { UnsafeRequestError } from '../../../electron/core/api/unsafe-request-error.ts';
import { DEFAULT_PRICE, SANDBOX_TOKEN, startSimulator, type Simulator } from '../../../electron/core/api/simulator.ts';

const TOKEN = '7c1f0e2a-93b4-4d5e-8f60-1a2b3c4d5e6f';
const BASE = 'https://api.telefon-ip.ru/api/v1/authcalls';

/** A server that answers every request with what the test sets: the hostile service. */
let hostile: http.Server;
let hostileBase: string;
let reply: { status: number; body: string } = { status: 200, body: '{}' };
const paths: string[] = [];

beforeAll(async () => {
  hostile = http.createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  hostileBase = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/api/v1/authcalls`;
});
afterAll(() => new Promise<void>((resolve) => hostile.close(() => resolve())));

let sim: Simulator | null = null;
let client: ApiClient | null = null;
afterEach(async () => {
  client?.close();
  client = null;
  await sim?.close();
  sim = null;
});

const answer = (status: number, value: unknown) => (reply = { status, body: typeof value === 'string' ? value : JSON.stringify(value) });
const ok = (data: unknown) => answer(200, { success: true, error: '', data });

describe('account request URLs', () => {
  it('builds get_status and get_balance from validated parts', () => {
    expect(buildAccountUrl(BASE, TOKEN, { action: 'get_status', id: 454733 }).href).toBe(`${BASE}/${TOKEN}/get_status/454733/`);
    expect(buildAccountUrl(BASE, TOKEN, { action: 'get_balance' }).href).toBe(`${BASE}/${TOKEN}/get_balance/`);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2, Infinity])('refuses the id %s', (id) => {
    expect(() => buildAccountUrl(BASE, TOKEN, { action: 'get_status', id })).toThrow(UnsafeRequestError);
  });

  it('refuses a token that is not token-shaped, without echoing it', () => {
    const bad = '../../get_balance?x=';
    let message = '';
    try {
      buildAccountUrl(BASE, bad, { action: 'get_balance' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('token has an invalid format');
  });
});

describe('get_status and get_balance against the simulator', () => {
  it('reads the status and price of a send it issued, and the documented 400 for another id', async () => {
    sim = await startSimulator();
    client = new ApiClient({ baseUrl: sim.baseUrl });
    const sent = await client.sendCode({ token: SANDBOX_TOKEN, phone: '79243555100' });
    if (sent.kind !== 'sent' || typeof sent.data.id !== 'number') throw new Error('simulator send failed');
    expect(await client.getStatus({ token: SANDBOX_TOKEN, id: sent.data.id })).toEqual({
      kind: 'known', delivered: true, statusInfo: 'Ok: delivered to Telegram', price: DEFAULT_PRICE, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/), reason: null,
    });
    expect(await client.getStatus({ token: SANDBOX_TOKEN, id: sent.data.id + 100 })).toEqual({ kind: 'failed', reason: 'id record not found', final: false });
    expect(sim.accountRequests).toEqual([{ action: 'get_status', id: sent.data.id }, { action: 'get_status', id: sent.data.id + 100 }]);
  });

  it('starts the balance where it was set and takes the price of each successful send off it', async () => {
    sim = await startSimulator({ balance: 10, price: 0.5 });
    client = new ApiClient({ baseUrl: sim.baseUrl });
    expect(await client.getBalance({ token: SANDBOX_TOKEN })).toEqual({ kind: 'known', balance: 10, price: 0.5, balanceLimit: 0 });
    await client.sendCode({ token: SANDBOX_TOKEN, phone: '79243555100' });
    await client.sendCode({ token: SANDBOX_TOKEN, phone: '79000000400' });
    expect(await client.getBalance({ token: SANDBOX_TOKEN })).toMatchObject({ kind: 'known', balance: 9.5 });
    sim.failBalance(true);
    expect(await client.getBalance({ token: SANDBOX_TOKEN })).toEqual({ kind: 'failed', reason: 'internal error' });
  });

  it('has scenario numbers for a failing, a garbled and an undelivered status, and for the balance', async () => {
    sim = await startSimulator();
    client = new ApiClient({ baseUrl: sim.baseUrl });
    const idOf = async (phone: string) => {
      const sent = await client!.sendCode({ token: SANDBOX_TOKEN, phone });
      if (sent.kind !== 'sent' || typeof sent.data.id !== 'number') throw new Error(`send to ${phone} failed`);
      return sent.data.id;
    };
    expect(await client.getStatus({ token: SANDBOX_TOKEN, id: await idOf('79000000600') })).toEqual({ kind: 'failed', reason: 'internal error', final: false });
    expect(await client.getStatus({ token: SANDBOX_TOKEN, id: await idOf('79000000601') })).toMatchObject({ kind: 'unknown', delivered: null, price: null, createdAt: null });
    expect(await client.getStatus({ token: SANDBOX_TOKEN, id: await idOf('79000000602') })).toMatchObject({ kind: 'known', delivered: false, statusInfo: 'Telegram: not delivered' });
    await idOf('79000000701');
    expect(await client.getBalance({ token: SANDBOX_TOKEN })).toMatchObject({ balance: DEFAULT_PRICE * 5 });
    await idOf('79000000702');
    expect(await client.getBalance({ token: SANDBOX_TOKEN })).toMatchObject({ balance: DEFAULT_PRICE / 2 });
    await idOf('79000000700');
    expect(await client.getBalance({ token: SANDBOX_TOKEN })).toMatchObject({ kind: 'failed' });
    await idOf('79000000703');
    expect(await client.getBalance({ token: SANDBOX_TOKEN })).toMatchObject({ kind: 'known', balance: 50 });
  });
});

describe('hostile account answers', () => {
  const status = () => {
    client ??= new ApiClient({ baseUrl: hostileBase, timeoutMs: 2_000 });
    return client.getStatus({ token: TOKEN, id: 42 });
  };
  const balance = () => {
    client ??= new ApiClient({ baseUrl: hostileBase, timeoutMs: 2_000 });
    return client.getBalance({ token: TOKEN });
  };

  it('accepts status as 1/0 or true/false and keeps status_info verbatim', async () => {
    for (const [value, delivered] of [[1, true], [0, false], [true, true], [false, false], ['1', true]] as const) {
      ok({ id: 42, status: value, status_info: '  Ok: SIP 200 OK ', price: 0.2, created_at: '2023-04-02T12:54:31' });
      expect(await status()).toEqual({ kind: 'known', delivered, statusInfo: '  Ok: SIP 200 OK ', price: 0.2, createdAt: '2023-04-02T12:54:31', reason: null });
    }
  });

  it('never reads a status of the wrong type, or a missing one, as delivered', async () => {
    for (const value of ['yes', 2, null, {}, [1], 'delivered']) {
      ok({ id: 42, status: value, status_info: 'whatever' });
      expect(await status()).toMatchObject({ kind: 'unknown', delivered: null, reason: 'status is missing or not 1/0 or true/false' });
    }
    ok({});
    expect(await status()).toMatchObject({ kind: 'unknown', delivered: null, statusInfo: null, price: null, createdAt: null });
  });

  it('drops a negative, huge, non-numeric or infinite price, and takes a numeric string', async () => {
    for (const price of [-0.2, 1e308, 'free', '1e400', null, { value: 1 }]) {
      ok({ id: 42, status: 1, price });
      expect(await status()).toMatchObject({ kind: 'known', delivered: true, price: null });
    }
    ok({ id: 42, status: 1, price: '0.35' });
    expect(await status()).toMatchObject({ price: 0.35 });
  });

  it('keeps HTML in status_info as text, caps its length, and takes no answer about another id', async () => {
    ok({ id: 42, status: 1, status_info: `<img src=x onerror=alert(1)>${'x'.repeat(2000)}` });
    const answer = await status();
    expect(answer.kind === 'known' && answer.statusInfo?.startsWith('<img src=x onerror=alert(1)>')).toBe(true);
    expect(answer.kind === 'known' && answer.statusInfo?.length).toBe(500);
    ok({ id: 43, status: 1 });
    expect(await status()).toEqual({ kind: 'failed', reason: 'answer is about another id', final: false });
  });

  it('names every failure, and a refused token as final', async () => {
    answer(502, '<html><body>Bad Gateway</body></html>');
    expect(await status()).toEqual({ kind: 'failed', reason: 'HTTP 502', final: false });
    answer(200, '<html>maintenance</html>');
    expect(await status()).toEqual({ kind: 'failed', reason: 'answer is not JSON', final: false });
    answer(401, { success: false, error: 'Unauthorized token', data: {} });
    expect(await status()).toEqual({ kind: 'failed', reason: 'Unauthorized token', final: true });
    answer(200, { success: false, error: 'no such thing', data: {} });
    expect(await status()).toEqual({ kind: 'failed', reason: 'no such thing', final: false });
    answer(200, { success: true, error: '', data: [] });
    expect(await status()).toEqual({ kind: 'failed', reason: 'answer has no data object', final: false });
    answer(200, { success: 'yes' });
    expect(await status()).toEqual({ kind: 'failed', reason: 'answer does not have the documented shape', final: false });
  });

  it('reads a balance leniently and refuses one that is missing, of the wrong type or absurd', async () => {
    ok({ balance: 5.0, price: 0.2, balance_limit: 0.0 });
    expect(await balance()).toEqual({ kind: 'known', balance: 5, price: 0.2, balanceLimit: 0 });
    ok({ balance: '12.5' });
    expect(await balance()).toEqual({ kind: 'known', balance: 12.5, price: null, balanceLimit: null });
    ok({ balance: 5, price: -1 });
    expect(await balance()).toMatchObject({ kind: 'known', price: null });
    for (const value of [undefined, 'lots', 1e300, true, '<b>5</b>']) {
      ok({ balance: value, price: 0.2 });
      expect(await balance()).toEqual({ kind: 'failed', reason: 'balance is missing or not a number' });
    }
    answer(500, '<html>oops</html>');
    expect(await balance()).toEqual({ kind: 'failed', reason: 'HTTP 500' });
  });

  it('keeps the token out of every reason and text the service sends back', async () => {
    answer(400, { success: false, error: `bad token ${TOKEN} in ${encodeURIComponent(TOKEN)}`, data: {} });
    expect(JSON.stringify(await status())).not.toContain(TOKEN.slice(0, 8));
    ok({ id: 42, status: 1, status_info: `sent with ${TOKEN}`, created_at: TOKEN });
    expect(JSON.stringify(await status())).not.toContain(TOKEN.slice(0, 8));
    // A token that would straddle a field's length limit: cut only after it was removed, so no part is left.
    ok({ id: 42, status: 1, status_info: `${'x'.repeat(480)}${TOKEN}`, created_at: `2023-04-02T12:54:31 ${TOKEN}` });
    const straddling = JSON.stringify(await status());
    expect(straddling).not.toContain(TOKEN.slice(0, 8));
    expect(straddling).not.toContain(TOKEN.slice(0, 4));
    answer(500, { success: false, error: `balance of ${TOKEN.toUpperCase()}`, data: {} });
    expect(JSON.stringify(await balance())).not.toContain(TOKEN.slice(0, 8).toUpperCase());
    // The requests themselves went where they were built to, and nowhere else.
    expect(paths.every((p) => p === `/api/v1/authcalls/${TOKEN}/get_status/42/` || p === `/api/v1/authcalls/${TOKEN}/get_balance/`)).toBe(true);
  });
});
