import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildAccountUrl, MAX_BILLING_RECORDS } from '../../../electron/core/api/account-url.ts';
import { ApiClient } from '../../../electron/core/api/api-client.ts';
import { providerTime, readBillingAnswer as readAnswer } from '../../../electron/core/api/billing-answer.ts';
import { startSimulator } from '../../../electron/core/api/simulator.ts';
import { matchBilling } from '../../../electron/core/reconcile/match-billing.ts';
import { record } from '../history/fixtures/history-samples.ts';

const TOKEN = '4ee85f4f-f5a4-4084-6a04-4634cd4fd4b4';
const ok = (data: unknown) => JSON.stringify({ success: true, error: '', data });
const readBillingAnswer = (status: number, body: string) => readAnswer({ status, body, retryAfter: undefined });
const BASE = 'https://api.telefon-ip.ru/api/v1/authcalls';
const billingUrl = (token: string, count: number) => buildAccountUrl(BASE, token, { action: 'get_billing_record', count });

describe('reading get_billing_record', () => {
  it('takes every readable field and tolerates missing, mistyped and unknown ones', () => {
    const answer = readBillingAnswer(200, ok([
      { created_at: '2023-04-02T12:54:31', code_auth: '6681', status: true, status_info: 'send ok', phone: '79243555100', price: 0.2, extra: { nested: 1 } },
      { created_at: '2023-04-02 12:55', phone: '89243555101', price: '0.35', code_auth: 6682 },
      { phone: 9243555102, price: -5, code_auth: 'abc', status_info: 42 },
      { created_at: '2023-04-02T09:54:31Z', phone: '+7 (924) 355-51-03' },
      'not an object',
      null,
      [1, 2],
    ]));
    expect(answer).toEqual({
      kind: 'read',
      unreadableItems: 3,
      items: [
        { createdAt: '2023-04-02T12:54:31', at: Date.parse('2023-04-02T09:54:31Z'), code: '6681', phone: '79243555100', price: 0.2, statusInfo: 'send ok' },
        { createdAt: '2023-04-02 12:55', at: Date.parse('2023-04-02T09:55:00Z'), code: '6682', phone: '79243555101', price: 0.35, statusInfo: null },
        { createdAt: null, at: null, code: null, phone: '79243555102', price: null, statusInfo: '42' },
        { createdAt: '2023-04-02T09:54:31Z', at: Date.parse('2023-04-02T09:54:31Z'), code: null, phone: '79243555103', price: null, statusInfo: null },
      ],
    });
  });

  it('reads a time without a zone as Moscow time, and refuses what is not a time', () => {
    expect(providerTime('2026-11-28T15:00:00')).toBe(Date.parse('2026-11-28T12:00:00Z'));
    expect(providerTime('2026-11-28T15:00:00+05:00')).toBe(Date.parse('2026-11-28T10:00:00Z'));
    for (const bad of ['yesterday', '28.11.2026 15:00', '', null]) expect(providerTime(bad)).toBeNull();
  });

  it('says it cannot read an answer of another shape, rather than reading it as no transactions', () => {
    const cases: [number, string, string][] = [
      [200, '<html>maintenance</html>', 'answer is not JSON'],
      [200, ok({ records: 3 }), 'data is not a list of transactions'],
      [200, ok(null), 'data is not a list of transactions'],
      [200, JSON.stringify({ success: false, error: 'billing unavailable', data: {} }), 'billing unavailable'],
      [200, JSON.stringify([{ phone: '79243555100' }]), 'answer does not have the documented shape'],
      [500, JSON.stringify({ success: false, error: 'internal error', data: {} }), 'internal error'],
      [502, '<h1>Bad Gateway</h1>', 'HTTP 502'],
    ];
    for (const [status, body, reason] of cases) expect(readBillingAnswer(status, body)).toEqual({ kind: 'unreadable', reason });
  });
});

describe('the billing URL', () => {
  it('takes a positive integer count within the limit and a token-shaped token only', () => {
    expect(billingUrl(TOKEN, 100).href).toBe(`${BASE}/${TOKEN}/get_billing_record/100/`);
    for (const count of [0, -1, 1.5, Number.NaN, MAX_BILLING_RECORDS + 1]) expect(() => billingUrl(TOKEN, count)).toThrow(/count/);
    for (const token of ['../get_balance', `${TOKEN}/x`, `${TOKEN}?a=1`]) expect(() => billingUrl(token, 10)).toThrow(/token/);
  });
});

describe('get_billing_record through the account client', () => {
  it('reads the simulator’s billed sends, newest first, the desk’s own and foreign ones', async () => {
    const sim = await startSimulator({ tokens: [TOKEN] });
    const client = new ApiClient({ baseUrl: sim.baseUrl });
    try {
      await client.sendCode({ token: TOKEN, phone: '79243555100', code: '1234' });
      sim.addForeignSends(1);
      const answer = await client.getBillingRecord({ token: TOKEN, count: 10 });
      expect(answer).toMatchObject({ kind: 'read', unreadableItems: 0, items: [{ phone: expect.stringMatching(/^7977/) }, { phone: '79243555100', code: '1234', price: 0.2 }] });
      expect(sim.billingRequests).toEqual([10]);
    } finally {
      client.close();
      await sim.close();
    }
  });

  it('returns the service’s texts and its reasons without the token, and refuses a count out of range without a request', async () => {
    let requests = 0;
    let body = '';
    const server = http.createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new ApiClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/authcalls` });
    try {
      body = ok([{ created_at: `2026-11-28T15:00:00 ${TOKEN}`, phone: '79243555100', status_info: `sent with ${TOKEN.toUpperCase()}` }]);
      const read = await client.getBillingRecord({ token: TOKEN, count: 5 });
      expect(read.kind).toBe('read');
      expect(JSON.stringify(read)).not.toMatch(new RegExp(TOKEN.slice(0, 8), 'i'));
      body = JSON.stringify({ success: false, error: `token ${TOKEN} is blocked`, data: {} });
      const refused = await client.getBillingRecord({ token: TOKEN, count: 5 });
      expect(refused).toMatchObject({ kind: 'unreadable', reason: expect.stringContaining('blocked') });
      expect(JSON.stringify(refused)).not.toContain(TOKEN);
      expect(await client.getBillingRecord({ token: TOKEN, count: MAX_BILLING_RECORDS + 1 })).toEqual({ kind: 'failed', reason: expect.stringMatching(/count/) });
      expect(requests).toBe(2);
    } finally {
      client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('matching billed sends with the history', () => {
  const at = Date.parse('2026-11-28T12:00:00Z');
  const local = (id: number, overrides: Parameters<typeof record>[1] = {}) => record(id, { phone: '79243555100', startedAt: at, code: '1111', ...overrides });
  const billed = (overrides: Partial<ReturnType<typeof item>> = {}) => ({ ...item(), ...overrides });
  const item = () => ({ phone: '79243555100' as string | null, at: at + 4_000 as number | null, createdAt: 'x', code: '1111' as string | null, price: 0.2, statusInfo: null });

  it('matches by phone, time window and code where both have one', () => {
    const result = matchBilling(
      [billed(), billed({ phone: '79243555101', code: null, at: at + 9 * 60_000 }), billed({ code: '2222', at: at + 60_000 })],
      [local(1), local(2, { phone: '79243555101', code: '9999' }), local(3, { code: null, startedAt: at + 70_000 })],
    );
    expect(result).toEqual({ matched: 3, foreign: [], uncompared: 0 });
  });

  it('leaves foreign what no local attempt accounts for: another number, another code, too far in time, a second bill for one send', () => {
    const result = matchBilling(
      [billed({ phone: '79990000000' }), billed({ code: '2222' }), billed({ at: at + 11 * 60_000 }), billed(), billed()],
      [local(1)],
    );
    expect(result.matched).toBe(1);
    expect(result.foreign).toHaveLength(4);
  });

  it('never lets a blocked attempt stand for a billed send', () => {
    expect(matchBilling([billed()], [local(1, { outcome: 'blocked', delivery: 'not_sent' })]).foreign).toHaveLength(1);
  });

  it('counts transactions without a phone or a time as not compared', () => {
    expect(matchBilling([billed({ phone: null }), billed({ at: null })], [local(1)])).toEqual({ matched: 0, foreign: [], uncompared: 2 });
  });
});
