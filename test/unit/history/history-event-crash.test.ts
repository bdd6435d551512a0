import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHistoryLog } from '../../../electron/core/history/history-log.ts';
import { runUntilKilled } from './fixtures/kill-child.ts';

const WRITER = fileURLToPath(new URL('./fixtures/history-event-writer.ts', import.meta.url));
const ROUNDS = 3;
const BUDGET_MS = 15_000;

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tgcode-history-event-crash-'));
  file = path.join(dir, 'history.jsonl');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the writer and SIGKILLs it once `killAfter` events are reported durable; resolves to the highest check count per id. */
async function runAndKill(killAfter: number, deadline: number): Promise<Map<number, number>> {
  const reported = new Map<number, number>();
  let events = 0;
  await runUntilKilled(
    [WRITER, file],
    (line) => {
      const [kind, id, checks] = line.split(' ');
      if (kind === 'event') {
        events += 1;
        reported.set(Number(id), Math.max(reported.get(Number(id)) ?? 0, Number(checks)));
      }
      return events >= killAfter;
    },
    deadline,
  );
  return reported;
}

describe('crash safety of checks and statuses', () => {
  it('keeps every check and status reported durable across repeated SIGKILLs mid-append', { timeout: BUDGET_MS + 2_000 }, async () => {
    const deadline = Date.now() + BUDGET_MS;
    for (let round = 0; round < ROUNDS; round++) {
      const reported = await runAndKill(40 + round * 30, deadline);
      expect(reported.size, `round ${round}`).toBeGreaterThan(0);
      const log = await openHistoryLog(file);
      for (const [id, checks] of reported) {
        const record = await log.get(id);
        // The kill can land after a line is durable but before it is printed, never the other way round.
        expect(record?.check?.checks, `round ${round} id ${id}`).toBeGreaterThanOrEqual(checks);
        expect(record?.providerStatus?.requests, `round ${round} id ${id}`).toBe(record?.check?.checks);
        expect(record, `round ${round} id ${id}`).toMatchObject({ state: 'done', outcome: 'sent', providerStatus: { price: 0.2 } });
      }
      // Reopened, the index and the records agree on what is checked.
      const checked = await log.page({ verification: ['failed'] }, 0, 500);
      expect(checked.records.map((r) => r.id).sort((a, b) => a - b)).toEqual(expect.arrayContaining([...reported.keys()].sort((a, b) => a - b)));
      expect((await log.spent({ verification: ['failed'] })).priced).toBe(checked.total);
      await log.close();
    }
  });
});
