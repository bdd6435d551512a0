import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../electron/core/api/api-client.ts';
import { SIMULATED_RETRY_AFTER_S, startSimulator } from '../../../electron/core/api/simulator.ts';
import type { ApiOutcome } from '../../../shared/send-outcome.ts';

const TOKEN = '4ee85f4f-f5a4-4084-6a04-4634cd4fd4b4';
const servers: http.Server[] = [];

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Sends once to a server that answers with exactly these bytes (and headers). */
async function answer(status: number, body: string, headers: http.OutgoingHttpHeaders = {}): Promise<ApiOutcome> {
  const server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new ApiClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/authcalls` });
  try {
    return await client.sendCode({ token: TOKEN, phone: '79243555100' });
  } finally {
    client.close();
  }
}

const success = (data: string) => `{"success":true,"error":"","data":${data}}`;

describe('a refusal for a number without Telegram', () => {
  it.each([
    'user not found in telegram',
    'User Not Found in Telegram',
    'USER_NOT_FOUND_IN_TELEGRAM',
    'Пользователь не найден в Telegram',
  ])('"%s" is its own outcome, its text kept as the service wrote it', async (text) => {
    const outcome = await answer(200, success(JSON.stringify({ phone: '79243555100', code: '', id: null, status: false, status_info: text })));
    expect(outcome).toMatchObject({ kind: 'no_telegram', delivery: 'not_sent', httpStatus: 200, message: text });
  });

  it('is recognised in a success:false answer too', async () => {
    const outcome = await answer(200, JSON.stringify({ success: false, error: 'user not found in telegram', data: {} }));
    expect(outcome).toMatchObject({ kind: 'no_telegram', delivery: 'not_sent', message: 'user not found in telegram' });
  });

  it.each(['user not found', 'telegram is unavailable', 'blocked'])('any other reason ("%s") stays a refusal the app cannot name', async (text) => {
    const outcome = await answer(200, success(JSON.stringify({ code: '1234', status: false, status_info: text })));
    expect(outcome).toMatchObject({ kind: 'unexpected_response', delivery: 'not_sent', message: text });
  });

  it('comes from the simulator’s scenario number', async () => {
    const sim = await startSimulator({ tokens: [TOKEN] });
    const client = new ApiClient({ baseUrl: sim.baseUrl });
    const outcome = await client.sendCode({ token: TOKEN, phone: '79000000204' });
    client.close();
    await sim.close();
    expect(outcome).toMatchObject({ kind: 'no_telegram', delivery: 'not_sent', message: 'user not found in telegram' });
  });
});

describe('the code in a successful answer', () => {
  it.each([
    ['five digits', '"12345"'],
    ['three digits', '"123"'],
    ['full-width digits', '"\uFF11\uFF12\uFF13\uFF14"'],
    ['Arabic-Indic digits', '"\u0661\u0662\u0663\u0664"'],
    ['a space around it', '" 1234"'],
    ['letters', '"12ab"'],
    ['a number that lost its leading zero', '421'],
    ['a fraction', '12.34'],
  ])('with %s is an answer not understood, and the code is not repeated anywhere', async (_name, code) => {
    const outcome = await answer(200, success(`{"phone":"79243555100","code":${code},"id":5,"status":true,"status_info":"send ok"}`));
    expect(outcome).toMatchObject({ kind: 'unexpected_response', delivery: 'unknown', httpStatus: 200 });
    expect(outcome.kind === 'sent' ? '' : outcome.message).toMatch(/^code is not 4 ASCII digits \(a (string|number) of \d+ characters?\)$/);
    const raw = JSON.parse(code) as string | number;
    expect(JSON.stringify(outcome)).not.toContain(String(raw).trim());
  });

  it('of four digits beside a field of the wrong type is not blamed for it', async () => {
    expect(await answer(200, success('{"code":"1234","operator_name":5}'))).toMatchObject({ kind: 'unexpected_response', message: 'data does not match the documented shape' });
  });

  it('of four digits, as a string or a four-digit number, is taken', async () => {
    expect(await answer(200, success('{"code":"0421"}'))).toMatchObject({ kind: 'sent', data: { code: '0421' } });
    expect(await answer(200, success('{"code":4821}'))).toMatchObject({ kind: 'sent', data: { code: '4821' } });
  });
});

describe('the id in a successful answer', () => {
  it.each([
    ['blank', '""', null],
    ['a space', '" "', null],
    ['words', '"abc"', null],
    ['zero', '0', null],
    ['negative', '-7', null],
    ['a fraction', '1.5', null],
    ['hex text', '"0x10"', null],
    ['a positive safe integer', '11084059', 11084059],
    ['digits as text', '"11084059"', '11084059'],
    ['a number too large for a double, kept digit for digit', '123456789012345678901', '123456789012345678901'],
    ['2^53 + 1, which JSON.parse would round', '9007199254740993', '9007199254740993'],
  ])('%s becomes %s', async (_name, id, expected) => {
    const outcome = await answer(200, success(`{"code":"1234","id":${id}}`));
    expect(outcome).toMatchObject({ kind: 'sent', data: { id: expected } });
  });
});

describe('the wait a 429 asks for', () => {
  it('is read from Retry-After in seconds', async () => {
    expect(await answer(429, '{"success":false,"error":"too many requests","data":{}}', { 'retry-after': '45' })).toMatchObject({ kind: 'rate_limited', retryAfterS: 45 });
  });

  it('is read from Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    const outcome = await answer(429, '{"success":false,"error":"too many requests","data":{}}', { 'retry-after': at });
    expect(outcome.kind === 'sent' ? null : outcome.retryAfterS).toBeGreaterThanOrEqual(115);
    expect(outcome.kind === 'sent' ? null : outcome.retryAfterS).toBeLessThanOrEqual(121);
  });

  it('is null without a header, or with one that cannot be read', async () => {
    expect(await answer(429, '{"success":false,"error":"x","data":{}}')).toMatchObject({ retryAfterS: null });
    expect(await answer(429, '{"success":false,"error":"x","data":{}}', { 'retry-after': 'soon' })).toMatchObject({ retryAfterS: null });
  });

  it('comes from the simulator’s rate limit', async () => {
    const sim = await startSimulator({ tokens: [TOKEN] });
    const client = new ApiClient({ baseUrl: sim.baseUrl });
    const outcome = await client.sendCode({ token: TOKEN, phone: '79000000429' });
    client.close();
    await sim.close();
    expect(outcome).toMatchObject({ kind: 'rate_limited', retryAfterS: SIMULATED_RETRY_AFTER_S });
  });
});
