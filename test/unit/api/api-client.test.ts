import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../electron/core/api/api-client.ts';
import { startSimulator, TOKEN_ECHOES, type Fault, type Simulator, type TokenEcho } from '../../../electron/core/api/simulator.ts';
import type { ApiOutcome } from '../../../shared/send-outcome.ts';
import { tokenLeaks } from '../../support/token-leaks.ts';

const TOKEN = '4ee85f4f-f5a4-4084-6a04-4634cd4fd4b4';
let sim: Simulator;
let client: ApiClient;

beforeAll(async () => {
  sim = await startSimulator({ tokens: [TOKEN] });
  client = new ApiClient({ baseUrl: sim.baseUrl, timeoutMs: 400 });
});
afterEach(() => sim.reset());
afterAll(async () => {
  client.close();
  await sim.close();
});

/** The token must not appear anywhere in what the client returns, whatever happened. */
function expectNoToken(outcome: ApiOutcome): void {
  const text = JSON.stringify(outcome);
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(encodeURIComponent(TOKEN));
  expect(text).not.toContain(TOKEN.slice(0, 8));
}

describe('ApiClient against the simulator', () => {
  it('sends with a generated code and returns every documented field', async () => {
    const outcome = await client.sendCode({ token: TOKEN, phone: '79243555100' });
    expectNoToken(outcome);
    expect(outcome).toMatchObject({ kind: 'sent', delivery: 'sent', httpStatus: 200 });
    if (outcome.kind !== 'sent') throw new Error('not sent');
    expect(outcome.data).toMatchObject({ phone: '79243555100', channel: 'telegram', status: true, status_info: 'send ok' });
    expect(outcome.data.code).toMatch(/^\d{4}$/);
    expect(outcome.data.id).toBeGreaterThan(0);
    expect(outcome.data.operator_name).not.toBe('');
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('sends an own code and the chosen prefix, with GET by default and POST as an option', async () => {
    const outcome = await client.sendCode({ token: TOKEN, phone: '79243555100', code: '0420', prefix: '8' });
    expect(outcome.kind === 'sent' && outcome.data.code).toBe('0420');
    const post = new ApiClient({ baseUrl: sim.baseUrl, method: 'POST' });
    expect((await post.sendCode({ token: TOKEN, phone: '79243555100' })).kind).toBe('sent');
    post.close();
    expect(sim.requests).toEqual([
      { method: 'GET', phone: '89243555100', code: '0420' },
      { method: 'POST', phone: '79243555100', code: null },
    ]);
  });

  it.each<[string, Fault | null, string, Partial<ApiOutcome>]>([
    ['400', null, '79000000400', { kind: 'invalid_phone', delivery: 'not_sent', httpStatus: 400 }],
    ['401', null, '79000000401', { kind: 'unauthorized', delivery: 'not_sent', httpStatus: 401 }],
    ['429', 'rate_limited', '79243555100', { kind: 'rate_limited', delivery: 'not_sent', httpStatus: 429 }],
    ['500', 'server_error', '79243555100', { kind: 'server_error', delivery: 'unknown', httpStatus: 500 }],
    ['502 with HTML', 'bad_gateway', '79243555100', { kind: 'server_error', delivery: 'unknown', httpStatus: 502 }],
    ['non-JSON 200', 'non_json', '79243555100', { kind: 'unexpected_response', delivery: 'unknown', httpStatus: 200 }],
    ['success:false with 200', 'success_false', '79243555100', { kind: 'unexpected_response', delivery: 'not_sent', httpStatus: 200 }],
    ['status:false', 'status_false', '79243555100', { kind: 'unexpected_response', delivery: 'not_sent', httpStatus: 200, message: 'channel rejected the message' }],
    ['status:false for a number without Telegram', 'no_telegram', '79243555100', { kind: 'no_telegram', delivery: 'not_sent', httpStatus: 200, message: 'user not found in telegram' }],
    ['schema mismatch', 'schema_mismatch', '79243555100', { kind: 'unexpected_response', delivery: 'unknown', httpStatus: 200 }],
    ['dropped connection', 'drop', '79243555100', { kind: 'network_error', delivery: 'unknown', httpStatus: null }],
    ['no answer', 'hang', '79243555100', { kind: 'timeout', delivery: 'unknown', httpStatus: null }],
  ])('turns %s into a typed outcome without the token', async (_name, fault, phone, expected) => {
    if (fault) sim.queueFaults(fault);
    const outcome = await client.sendCode({ token: TOKEN, phone });
    expect(outcome).toMatchObject(expected);
    expectNoToken(outcome);
    expect(sim.requests).toHaveLength(1);
  });

  it('reports an unknown token as unauthorized, and never echoes it', async () => {
    const other = new ApiClient({ baseUrl: sim.baseUrl });
    const rejected = '11111111-2222-4333-8444-555555555555';
    const outcome = await other.sendCode({ token: rejected, phone: '79243555100' });
    other.close();
    expect(outcome).toMatchObject({ kind: 'unauthorized', message: 'Unauthorized token' });
    expect(JSON.stringify(outcome)).not.toContain(rejected);
  });

  it.each(Object.keys(TOKEN_ECHOES) as TokenEcho[])('redacts the token echoed as %s in error text and in the strings of a success', async (echo) => {
    sim.queueFaults(`echo_error_${echo}`, `echo_success_${echo}`);
    const refused = await client.sendCode({ token: TOKEN, phone: '79243555100' });
    const sent = await client.sendCode({ token: TOKEN, phone: '79243555100' });
    expect(refused).toMatchObject({ kind: 'unauthorized', message: expect.stringContaining('[token]') });
    expect(sent).toMatchObject({ kind: 'sent', data: { status_info: expect.stringContaining('[token]'), operator_name: expect.stringContaining('[token]') } });
    expect(tokenLeaks('outcomes', JSON.stringify([refused, sent]), [TOKEN])).toEqual([]);
  });

  it('makes exactly one request per send, also on failures (no automatic retry)', async () => {
    sim.queueFaults('server_error', 'drop');
    await client.sendCode({ token: TOKEN, phone: '79243555100' });
    await client.sendCode({ token: TOKEN, phone: '79243555100' });
    expect(sim.requests).toHaveLength(2);
  });
});

describe('ApiClient against hostile or absent servers', () => {
  const servers: http.Server[] = [];
  async function serve(handler: http.RequestListener): Promise<string> {
    const server = http.createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/authcalls`;
  }
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a connection as a network error that sent nothing', async () => {
    const refused = new ApiClient({ baseUrl: 'http://127.0.0.1:1/api/v1/authcalls' });
    const outcome = await refused.sendCode({ token: TOKEN, phone: '79243555100' });
    refused.close();
    expect(outcome).toMatchObject({ kind: 'network_error', delivery: 'not_sent' });
    expectNoToken(outcome);
  });

  it('caps the body size', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"success":true,"error":"","data":{"pad":"${'x'.repeat(200_000)}"}}`);
    });
    const capped = new ApiClient({ baseUrl: base, maxBodyBytes: 64 * 1024 });
    const outcome = await capped.sendCode({ token: TOKEN, phone: '79243555100' });
    capped.close();
    expect(outcome).toMatchObject({ kind: 'unexpected_response', delivery: 'unknown' });
  });

  it('redacts the token if a server echoes the request URL in its error text', async () => {
    const base = await serve((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: false, error: `bad token in ${req.url}`, data: {} }));
    });
    const echo = new ApiClient({ baseUrl: base });
    const outcome = await echo.sendCode({ token: TOKEN, phone: '79243555100' });
    echo.close();
    expect(outcome.kind).toBe('unauthorized');
    expectNoToken(outcome);
    expect(JSON.stringify(outcome)).toContain('[token]');
  });

  it.each<[string, unknown, Record<string, unknown>]>([
    ['error null and fields missing', { success: true, error: null, data: { code: '4821' } }, { code: '4821', id: null, operator_name: null, status: null }],
    ['id as a string (kept as the text it is)', { success: true, data: { code: '4821', id: '11084059', operator_name: 'МТС' } }, { id: '11084059', operator_name: 'МТС' }],
    ['code as a number and nulls', { success: true, data: { code: 4821, operator_name: null, channel: null, status: true, status_info: null } }, { code: '4821', status: true }],
  ])('counts a send as sent when the service answers success with %s', async (_name, body, data) => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    const lenient = new ApiClient({ baseUrl: base });
    const outcome = await lenient.sendCode({ token: TOKEN, phone: '79243555100' });
    lenient.close();
    expect(outcome).toMatchObject({ kind: 'sent', delivery: 'sent', data });
  });

  it('does not count success without a code as sent', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: true, data: { status: true } }));
    });
    const noCode = new ApiClient({ baseUrl: base });
    expect(await noCode.sendCode({ token: TOKEN, phone: '79243555100' })).toMatchObject({ kind: 'unexpected_response', delivery: 'unknown' });
    noCode.close();
  });

  it('redacts the token from the strings of a successful answer too', async () => {
    const base = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: true, data: { code: '1234', id: 1, operator_name: `op ${req.url}`, channel: 'telegram', status: true, status_info: `sent via ${req.url}` } }));
    });
    const echo = new ApiClient({ baseUrl: base });
    const outcome = await echo.sendCode({ token: TOKEN, phone: '79243555100' });
    echo.close();
    expect(outcome.kind).toBe('sent');
    expectNoToken(outcome);
  });

  it('closes idle kept-alive connections before the server drops them', async () => {
    let connections = 0;
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: true, data: { code: '1234' } }));
    });
    const server = servers.at(-1)!;
    server.on('connection', () => connections++);
    // The server would keep idle connections for 5 s; the client lets go of them after 100 ms, so each
    // send after a pause opens a fresh connection instead of writing into one that may have been dropped.
    server.keepAliveTimeout = 5000;
    const idle = new ApiClient({ baseUrl: base, idleSocketMs: 100 });
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      outcomes.push((await idle.sendCode({ token: TOKEN, phone: '79243555100' })).kind);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    idle.close();
    expect(outcomes).toEqual(['sent', 'sent', 'sent']);
    expect(connections).toBe(3);
  });

  it('lets a send under way finish when the client is closed', async () => {
    const base = await serve((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ success: true, data: { code: '1234' } }));
      }, 150);
    });
    const closing = new ApiClient({ baseUrl: base });
    const pending = closing.sendCode({ token: TOKEN, phone: '79243555100' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    closing.close();
    expect((await pending).kind).toBe('sent');
  });

  it('treats an undocumented status as an unexpected response', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('forbidden');
    });
    const odd = new ApiClient({ baseUrl: base });
    const outcome = await odd.sendCode({ token: TOKEN, phone: '79243555100' });
    odd.close();
    expect(outcome).toMatchObject({ kind: 'unexpected_response', httpStatus: 403, delivery: 'not_sent' });
  });
});
