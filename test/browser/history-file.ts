import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HostFixture } from './fixtures.ts';

/** A finished send as the history file stores it, one JSON line. */
export function recordLine(id: number, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id, startedAt: Date.now(), state: 'done', phone: `79${String(id).padStart(9, '0')}`, code: null, codeSource: 'generated',
    outcome: 'sent', delivery: 'sent', httpStatus: 200, status: true, statusInfo: 'send ok', operatorName: 'ПАО "МТС"', channel: 'telegram',
    apiId: 1000 + id, error: null, durationMs: 120, mode: 'sandbox', sentBy: 'QA', ...fields,
  });
}

/** Replaces the history file and restarts the app on it. */
export async function restartWithHistory(host: HostFixture, lines: string[]) {
  await mkdir(path.join(host.dataDir, 'history'), { recursive: true });
  await writeFile(path.join(host.dataDir, 'history', 'history.jsonl'), lines.join('\n') + '\n');
  await host.restart();
}
