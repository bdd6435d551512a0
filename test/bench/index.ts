import { writeFile } from 'node:fs/promises';
import { benchGuard } from './guard-bench.ts';
import { benchHistory } from './history-bench.ts';
import { benchLoop } from './loop-bench.ts';
import { benchRenderer } from './renderer-bench.ts';
import { benchSend } from './send-bench.ts';
import { benchSimulator } from './simulator-bench.ts';

/** Each figure's target, where the issues set one: `max` means the figure must stay at or below it. */
const TARGETS: Record<string, { max: number; unit: string }> = {
  send_overhead_ratio: { max: 1.2, unit: '×' },
  renderer_interactive_ms: { max: 300, unit: 'ms' },
  renderer_js_gzip_kb: { max: 200, unit: 'KB' },
  history_append_ratio_1m_vs_1k: { max: 1.5, unit: '×' },
  history_open_1m_first_page_ms: { max: 1000, unit: 'ms' },
  history_search_100k_ms: { max: 50, unit: 'ms' },
  guard_check_1m_ms: { max: 5, unit: 'ms' },
  simulator_heap_20k_requests_mb: { max: 1, unit: 'MB' },
};

const SUITES: Record<string, () => Promise<Record<string, number>>> = {
  send: benchSend,
  renderer: benchRenderer,
  history: benchHistory,
  guard: benchGuard,
  loop: benchLoop,
  simulator: benchSimulator,
};

// `npm run bench` runs every suite; `npm run bench -- history` runs only the named ones.
const chosen = process.argv.slice(2).filter((name) => name in SUITES);
const results: Record<string, number> = {};
for (const name of chosen.length > 0 ? chosen : Object.keys(SUITES)) {
  console.log(`== ${name}`);
  Object.assign(results, await SUITES[name]!());
}

const rows = Object.entries(results).map(([name, value]) => {
  const target = TARGETS[name];
  const verdict = target ? (value <= target.max ? 'ok' : 'OVER') : '';
  return [name, String(value), target ? `≤ ${target.max} ${target.unit}` : '', verdict];
});
const widths = [0, 1, 2, 3].map((i) => Math.max(...[['figure', 'value', 'target', ''], ...rows].map((row) => row[i]!.length)));
for (const row of [['figure', 'value', 'target', ''], ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
await writeFile('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwritten to bench-results.json');
