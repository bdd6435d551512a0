import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core.ts';
import type { KeyValueStore } from '../../../electron/core/settings/key-value-store.ts';
import type { UpdateEvent } from '../../../electron/core/update/update-state.ts';
import { createHostCipher } from '../../host/host-cipher.ts';

const TOKEN = '4ee85f4f-f5a4-4084-6a04-4634cd4fd4b4';

let dataDir: string;
let core: AppCore | null = null;
let api: Server;
const held: ServerResponse[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tgcode-update-'));
  // An API that keeps each request waiting until the test answers it: a send under way.
  api = createServer((_request, response) => void held.push(response));
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
});

afterEach(async () => {
  await core?.close();
  core = null;
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

it('the app core refuses "restart to update" while a send is under way, and allows it after', async () => {
  let emit: (event: UpdateEvent) => void = () => undefined;
  let installs = 0;
  const apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/v1/authcalls`;
  core = await createAppCore({
    version: '0.1.0',
    dataDir,
    env: { token: TOKEN, apiBase, dataDir, policyFile: null, ignored: [] },
    cipher: createHostCipher(dataDir),
    openStore: (name): KeyValueStore => new Conf<Record<string, unknown>>({ cwd: dataDir, configName: name, clearInvalidConfig: false }),
    chooseExportFile: async () => null,
    defaultOperatorName: 'Ирина',
    identity: { osUser: 'irina.k', host: 'desk-07' },
    policyFile: null,
    updates: {
      engine: { check: async () => undefined, install: () => void (installs += 1), subscribe: (listener) => void (emit = listener) },
      offReason: '',
    },
  });
  emit({ type: 'downloaded', version: '0.2.0' });
  expect(await core.handlers['update:status'](undefined)).toEqual({ state: 'ready', version: '0.2.0' });

  const send = core.handlers['send:code']({ phone: '+7 924 355-51-00' });
  while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
  expect(await core.handlers['update:restart'](undefined)).toEqual({ restarting: false, reason: 'sending' });
  expect(installs).toBe(0);

  held[0]!.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true,"status":true,"status_info":"send ok"}');
  await send;
  expect(await core.handlers['update:restart'](undefined)).toEqual({ restarting: true, reason: null });
  expect(installs).toBe(1);
});
