import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHistoryLog } from '../../../electron/core/history/history-log.ts';
import { draft, record, sent } from './fixtures/history-samples.ts';
import { runUntilKilled } from './fixtures/kill-child.ts';

const WRITER = fileURLToPath(new URL('./fixtures/history-writer.ts', import.meta.url));
const ROUNDS = 6;
/** After this round's kill, the history is cleared: the next writer must still not reuse an id. */
const CLEAR_ROUND = 2;
/** Every round shares this budget, so the test ends in bounded time even when a writer hangs. */
const BUDGET_MS = 18_000;

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tgcode-history-crash-'));
  file = path.join(dir, 'history.jsonl');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Reported {
  begun: number[];
  done: number[];
  /** The attempt the writer began and holds open: the kill lands between its begin and complete. */
  held: number;
}

/**
 * Runs the writer, which holds one attempt open after `holdAfter` sends, and SIGKILLs it once that
 * attempt is durable and `killAfter` sends are done, so the kill also lands amid the other workers' appends.
 */
async function runAndKill(holdAfter: number, killAfter: number, deadline: number): Promise<Reported> {
  const begun: number[] = [];
  const done: number[] = [];
  let held: number | null = null;
  await runUntilKilled(
    [WRITER, file, String(holdAfter)],
    (line) => {
      const [kind, id] = line.split(' ');
      if (kind === 'begun') begun.push(Number(id));
      if (kind === 'done') done.push(Number(id));
      if (kind === 'held') held = Number(id);
      return held !== null && done.length >= killAfter;
    },
    deadline,
  );
  if (held === null) throw new Error('writer was killed before it held an attempt');
  return { begun, done, held };
}

describe('crash safety', () => {
  it('keeps every send reported durable across repeated SIGKILLs, one always mid-request', { timeout: BUDGET_MS + 2_000 }, async () => {
    const deadline = Date.now() + BUDGET_MS;
    let highestId = -1;
    let tornSoFar = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const holdAfter = 2 + round * 4;
      const reported = await runAndKill(holdAfter, holdAfter + 3, deadline);
      const sizeAfterKill = fs.statSync(file).size;
      const begun = [...reported.begun, reported.held];
      // Ids continue from the previous round, never reused, even after a clear.
      expect(Math.min(...begun), `round ${round}`).toBeGreaterThan(highestId);

      const log = await openHistoryLog(file);
      const health = log.health();
      if (health.tornTail) tornSoFar += 1;
      // The kill landed between this attempt's begin and complete.
      expect(await log.get(reported.held), `round ${round} held ${reported.held}`).toMatchObject({ id: reported.held, state: 'interrupted', outcome: null, delivery: 'unknown' });
      for (const id of reported.done) expect(await log.get(id), `round ${round} id ${id}`).toMatchObject({ id, state: 'done', outcome: 'sent' });
      for (const id of reported.begun.filter((id) => !reported.done.includes(id))) {
        // Its done line may have landed before the kill, just not been printed.
        expect(['interrupted', 'done'], `round ${round} id ${id}`).toContain((await log.get(id))?.state);
      }
      const page = await log.page({ outcomes: ['sent', 'interrupted'] }, 0, 500);
      const pageIds = page.records.map((r) => r.id);
      expect(pageIds).toEqual([...pageIds].sort((a, b) => b - a));
      expect(pageIds).toContain(reported.held);
      expect(page.total).toBe((await log.page({}, 0, 1)).total);
      expect(page.health.corruptLines).toBeLessThanOrEqual(tornSoFar);
      highestId = pageIds[0] ?? highestId;

      const next = await log.begin(draft());
      expect(next.id).toBe(highestId + 1);
      await log.complete(next.id, sent());
      highestId = next.id;
      expect(fs.statSync(file).size).toBeGreaterThan(sizeAfterKill);
      if (round === CLEAR_ROUND) expect(await log.clear()).toBe(page.total + 1);
      await log.close();
    }
  });
});

describe('damaged files', () => {
  const valid = [0, 1, 2, 3, 4, 5].map((id) => record(id));
  const line = (r: object) => Buffer.from(`${JSON.stringify(r)}\n`);

  it('skips and counts unreadable lines, keeps every byte, and isolates a torn last line', async () => {
    const original = Buffer.concat([
      line(valid[0]!),
      line(valid[1]!),
      Buffer.from([0xff, 0xfe, 0x00, 0x9c, 0x7b, 0x0a]),
      line(valid[2]!),
      Buffer.from('{"id":40,"startedAt":1741942800000,"state":"do\n'),
      line(valid[3]!),
      line({ id: 41, hello: 'world' }),
      line({ ...valid[4]!, outcome: 'exploded' }),
      line(valid[5]!),
      Buffer.from('{"id":6,"startedAt":17419'),
    ]);
    fs.writeFileSync(file, original);

    let log = await openHistoryLog(file);
    expect(log.health()).toEqual({ corruptLines: 5, tornTail: true });
    const page = await log.page({ outcomes: ['sent'] }, 0, 50);
    expect(page.records.map((r) => r.id)).toEqual([5, 3, 2, 1, 0]);
    expect(page.health).toEqual({ corruptLines: 5, tornTail: true });
    expect(fs.readFileSync(file)).toEqual(original);

    const added = await log.complete((await log.begin(draft())).id, sent());
    expect(added.id).toBe(6);
    await log.close();
    const after = fs.readFileSync(file);
    expect(after.subarray(0, original.length)).toEqual(original);
    expect(after.subarray(original.length, original.length + 1).toString()).toBe('\n');

    log = await openHistoryLog(file);
    expect(log.health()).toEqual({ corruptLines: 5, tornTail: false });
    expect(await log.get(6)).toEqual(added);
    expect((await log.page({}, 0, 50)).records.map((r) => r.id)).toEqual([6, 5, 3, 2, 1, 0]);
    await log.close();
    expect(fs.statSync(file).size).toBe(after.length);
  });

  it('keeps a complete record whose newline never landed', async () => {
    fs.writeFileSync(file, Buffer.concat([line(valid[0]!), Buffer.from(JSON.stringify(valid[1]))]));
    const log = await openHistoryLog(file);
    expect(log.health()).toEqual({ corruptLines: 0, tornTail: true });
    expect((await log.page({}, 0, 10)).records).toEqual([valid[1], valid[0]]);
    expect((await log.begin(draft())).id).toBe(2);
    await log.close();
    const reopened = await openHistoryLog(file);
    expect((await reopened.page({ outcomes: ['sent', 'interrupted'] }, 0, 10)).records.map((r) => r.id)).toEqual([2, 1, 0]);
    await reopened.close();
  });
});
