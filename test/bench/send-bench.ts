import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { ApiClient } from '../../electron/core/api/api-client.ts';
import { SANDBOX_TOKEN } from '../../electron/core/api/simulator.ts';
import { contract } from '../../shared/contract.ts';
import { checkPhone } from '../../shared/phone.ts';
import { ApiOutcome } from '../../shared/send-outcome.ts';

const BLOCK = 500;
const BLOCKS = 24;

function bareGet(url: string, agent: http.Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { accept: 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Starts the simulator in its own process, as the real API is another machine: no shared event loop. */
async function simulatorProcess(): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [new URL('./simulator-process.ts', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  return {
    baseUrl: line.toString().trim(),
    stop: async () => {
      child.stdin.end();
      await once(child, 'exit');
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The app's per-send path as the issue defines it (contract validation of request and answer, the API
 * client with its URL checks, timeout and body cap, and the round trip) against a bare keep-alive GET of
 * the same simulator URL. Also the same path plus the main-side phone check (libphonenumber), reported
 * separately. All run in alternating blocks in one process; medians are compared.
 */
export async function benchSend(): Promise<Record<string, number>> {
  const sim = await simulatorProcess();
  const client = new ApiClient({ baseUrl: sim.baseUrl });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const url = `${sim.baseUrl}/${SANDBOX_TOKEN}/get_tg_code/79243555100/?code=1234`;

  const appSend = async (withPhoneCheck: boolean) => {
    // The send form passes the number it has already normalised, as the app does.
    const request = contract['send:code'].request.parse({ phone: '79243555100', code: '1234' });
    if (withPhoneCheck && !checkPhone(request.phone).ok) throw new Error('bench phone rejected');
    const outcome = ApiOutcome.parse(await client.sendCode({ token: SANDBOX_TOKEN, phone: request.phone, ...(request.code === undefined ? {} : { code: request.code }) }));
    if (outcome.kind !== 'sent') throw new Error(`bench send failed: ${outcome.kind}`);
  };
  const steps = {
    app: () => appSend(false),
    appWithPhone: () => appSend(true),
    bare: async () => void JSON.parse(await bareGet(url, agent)),
  };
  const times: Record<keyof typeof steps, number[]> = { app: [], appWithPhone: [], bare: [] };
  const names = Object.keys(steps) as (keyof typeof steps)[];
  for (let i = -1; i < BLOCKS; i++) {
    // Rotate the order so none always runs on the warmest process; block -1 is warm-up.
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + 3 + k) % names.length]!;
      const started = performance.now();
      for (let j = 0; j < BLOCK; j++) await steps[name]();
      if (i >= 0) times[name].push((performance.now() - started) / BLOCK);
    }
  }
  client.close();
  agent.destroy();
  await sim.stop();
  const app = median(times.app);
  const appWithPhone = median(times.appWithPhone);
  const bare = median(times.bare);
  return {
    send_app_path_ms: round(app),
    send_bare_get_ms: round(bare),
    send_overhead_ratio: round(app / bare),
    send_with_phone_check_ratio: round(appWithPhone / bare),
  };
}
