import http from 'node:http';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core.ts';
import { dispatch } from '../../../electron/core/dispatch.ts';
import type { KeyValueStore } from '../../../electron/core/settings/key-value-store.ts';
import { createClient, type TgCodeApi } from '../../../shared/client.ts';
import { createHostCipher } from '../../host/host-cipher.ts';

const TOKEN = '4ee85f4f-f5a4-4084-6a04-4634cd4fd4b4';

let dataDir: string;
let core: AppCore | null = null;
let server: http.Server | null = null;
/** The body the stand-in service answers the next send with. */
let reply: (request: { phone: string; code: string | null }) => string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-answer-'));
});
afterEach(async () => {
  await core?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  core = null;
  server = null;
  await rm(dataDir, { recursive: true, force: true });
});

/** The real core in production mode against a service that answers what the test says. */
async function start(): Promise<TgCodeApi> {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const phone = url.pathname.split('/').at(-2) ?? '';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(reply({ phone, code: url.searchParams.get('code') }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/authcalls`;
  core = await createAppCore({
    version: '1.2.3',
    dataDir,
    env: { token: TOKEN, apiBase, dataDir, policyFile: null, ignored: [] },
    cipher: createHostCipher(dataDir),
    openStore: (name): KeyValueStore => new Conf<Record<string, unknown>>({ cwd: dataDir, configName: name, clearInvalidConfig: false }),
    chooseExportFile: async (name) => path.join(dataDir, name),
    defaultOperatorName: 'Ирина',
    identity: { osUser: 'irina', host: 'desk-01' },
    policyFile: null,
  });
  const handlers = core.handlers;
  return createClient((channel, request) => dispatch(handlers, channel, request));
}

const sent = (data: Record<string, unknown>) => JSON.stringify({ success: true, error: '', data: { channel: 'telegram', status: true, status_info: 'send ok', id: 7, ...data } });

async function stored(api: TgCodeApi) {
  return (await api.history.page({ query: {}, offset: 0, limit: 1 })).rows[0];
}

async function logText(): Promise<string> {
  await core!.log.flush();
  const dir = path.join(dataDir, 'logs');
  const files = await readdir(dir);
  return (await Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8')))).join('\n');
}

describe('what the service answers is checked against what was sent', () => {
  it('an own code the service reports differently: both are shown and recorded', async () => {
    reply = ({ phone }) => sent({ phone, code: '9876' });
    const api = await start();
    const row = await api.send.code({ phone: '79243555100', code: '1234' });
    expect(row).toMatchObject({ outcome: 'sent', code: '1234', reportedCode: '9876', reportedPhone: null });
    expect(await stored(api)).toMatchObject({ code: '1234', reportedCode: '9876' });
    const log = await logText();
    expect(log).toContain('"codeMismatch":true');
    expect(log).not.toContain('9876');
  });

  it('the same own code echoed back is no mismatch, nor is a generated code', async () => {
    reply = ({ phone, code }) => sent({ phone, code: code ?? '5555' });
    const api = await start();
    expect(await api.send.code({ phone: '79243555100', code: '1234' })).toMatchObject({ code: '1234', reportedCode: null });
    expect(await api.send.code({ phone: '79243555101' })).toMatchObject({ code: '5555', reportedCode: null });
  });

  it('a number echoed back that is not the one sent is flagged and recorded', async () => {
    reply = () => sent({ phone: '79990001122', code: '4321' });
    const api = await start();
    const row = await api.send.code({ phone: '79243555100' });
    expect(row).toMatchObject({ outcome: 'sent', reportedPhone: '79990001122' });
    expect(await stored(api)).toMatchObject({ reportedPhone: '79990001122' });
    expect(await logText()).toContain('"phoneMismatch":true');
  });

  it.each(['79243555100', '89243555100', '+7 (924) 355-51-00', '9243555100'])('the number echoed as %s is the same number', async (echo) => {
    reply = () => sent({ phone: echo, code: '4321' });
    const api = await start();
    expect(await api.send.code({ phone: '79243555100' })).toMatchObject({ reportedPhone: null });
  });

  it('a code that is not 4 digits is never shown, stored or logged as it came', async () => {
    reply = ({ phone }) => sent({ phone, code: '48213' });
    const api = await start();
    const row = await api.send.code({ phone: '79243555100' });
    expect(row).toMatchObject({ outcome: 'unexpected_response', delivery: 'unknown', code: null });
    expect(JSON.stringify(row)).not.toContain('48213');
    expect(await readFile(path.join(dataDir, 'history', 'history.jsonl'), 'utf8')).not.toContain('48213');
    const log = await logText();
    expect(log).toContain('code is not 4 ASCII digits');
    expect(log).not.toContain('48213');
  });

  it('a huge id is stored digit for digit', async () => {
    reply = ({ phone }) => `{"success":true,"error":"","data":{"phone":"${phone}","code":"1234","id":123456789012345678901}}`;
    const api = await start();
    expect(await api.send.code({ phone: '79243555100' })).toMatchObject({ apiId: '123456789012345678901' });
    expect(await stored(api)).toMatchObject({ apiId: '123456789012345678901' });
  });

  it('"user not found in telegram" is recorded as no Telegram, with the provider’s words', async () => {
    reply = ({ phone }) => sent({ phone, code: '', status: false, status_info: 'user not found in telegram' });
    const api = await start();
    const row = await api.send.code({ phone: '79243555100', code: '1234' });
    expect(row).toMatchObject({ outcome: 'no_telegram', delivery: 'not_sent', error: 'user not found in telegram' });
    expect(await stored(api)).toMatchObject({ outcome: 'no_telegram', error: 'user not found in telegram' });
  });
});
