import v8 from 'node:v8';
import vm from 'node:vm';
import { ApiClient } from '../../electron/core/api/api-client.ts';
import { SANDBOX_TOKEN, startSimulator } from '../../electron/core/api/simulator.ts';

const WARM_UP = 1_000;
const REQUESTS = 20_000;

// A full collection before each reading, so the figure is what the simulator keeps, not garbage.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

/**
 * What the built-in simulator of sandbox mode keeps: the heap it adds over 20,000 sends (each to another
 * number) once warmed up. Client and simulator share the process, so the client's share is in it too.
 */
export async function benchSimulator(): Promise<Record<string, number>> {
  const sim = await startSimulator();
  const client = new ApiClient({ baseUrl: sim.baseUrl });
  const send = (index: number) => client.sendCode({ token: SANDBOX_TOKEN, phone: `7924${String(index).padStart(7, '0')}` });
  for (let index = 0; index < WARM_UP; index++) await send(index);
  const before = heapMb();
  for (let index = 0; index < REQUESTS; index++) await send(WARM_UP + index);
  const after = heapMb();
  client.close();
  await sim.close();
  return { simulator_heap_20k_requests_mb: Math.round((after - before) * 100) / 100 };
}
