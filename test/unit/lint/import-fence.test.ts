import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

// The project's own eslint.config.js. Type-aware parsing is turned off: the snippets are not files of
// a TypeScript project, and the import fence needs no types.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
});

/** The fence rules that fire on `code` as if it were the file at `file` (relative to the project). */
async function fenceErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: path.join(ROOT, file) });
  expect(result?.messages.filter((message) => message.fatal)).toEqual([]);
  return (result?.messages ?? []).map((message) => message.ruleId ?? 'fatal').filter((rule) => rule === 'no-restricted-imports' || rule === 'no-restricted-syntax');
}

const blocked = (file: string, code: string) => expect(fenceErrors(file, code), `${file}: ${code}`).resolves.not.toEqual([]);
const allowed = (file: string, code: string) => expect(fenceErrors(file, code), `${file}: ${code}`).resolves.toEqual([]);

describe('import fence', () => {
  it('keeps electron, its subpaths and the store engines out of electron/core, however imported', async () => {
    const file = 'electron/core/probe.ts';
    await blocked(file, "import { app } from 'electron';");
    await blocked(file, "import { app } from 'electron/main';");
    await blocked(file, "import type { WebContents } from 'electron/main';");
    await blocked(file, "import Store from 'electron-store';");
    await blocked(file, "import Conf from 'conf';");
    await blocked(file, "await import('electron');");
    await blocked(file, "await import('electron/main');");
    await blocked(file, "const name = 'electron'; await import(name);");
    await blocked(file, "require('electron');");
    await blocked(file, "import { createMainWindow } from '../main/window.ts';");
    await blocked(file, "import { PAGE_SIZE } from '../../renderer/src/history/history-store.ts';");
    await allowed(file, "import fs from 'node:fs/promises';");
    await allowed(file, "import ru from '../../../renderer/src/locales/ru/history.json';");
    await allowed(file, "import { contract } from '../../shared/contract.ts';");
  });

  it('keeps Node and electron out of shared/, by either name', async () => {
    const file = 'shared/probe.ts';
    for (const name of ['fs', 'fs/promises', 'path', 'crypto', 'node:fs', 'node:path', 'electron', 'electron/renderer']) {
      await blocked(file, `import x from '${name}';`);
    }
    await blocked(file, "await import('electron');");
    await blocked(file, "import { openHistoryLog } from '../electron/core/history/history-log.ts';");
    await allowed(file, "import { z } from 'zod';");
    await allowed(file, "import { CODE_PATTERN } from './code.ts';");
  });

  it('lets the preload import only electron and shared/', async () => {
    const file = 'electron/preload/probe.ts';
    await allowed(file, "import { contextBridge } from 'electron';");
    await allowed(file, "import { createClient } from '../../shared/client.ts';");
    await blocked(file, "import fs from 'node:fs';");
    await blocked(file, "import { z } from 'zod';");
    await blocked(file, "import { createAppCore } from '../core/app-core.ts';");
  });

  it('keeps Node, electron and main-process code out of the renderer', async () => {
    const file = 'renderer/src/probe.ts';
    for (const name of ['fs', 'path', 'child_process', 'node:fs', 'node:child_process', 'electron', 'electron/renderer']) {
      await blocked(file, `import x from '${name}';`);
    }
    await blocked(file, "await import('electron');");
    await blocked(file, "import { startSimulator } from '../../electron/core/api/simulator.ts';");
    await allowed(file, "import { create } from 'zustand';");
    await allowed(file, "import type { HistoryRow } from '../../shared/history-schema.ts';");
  });

  it('lets the main shell import electron and the store', async () => {
    const file = 'electron/main/probe.ts';
    await allowed(file, "import { app } from 'electron';");
    await allowed(file, "import Store from 'electron-store';");
  });
});

// Building the TypeScript program takes a few seconds, far longer on a loaded machine.
describe('type-aware rules', { timeout: 180_000 }, () => {
  // Linted under the path of a real project file (its text replaced), so the TypeScript project has it.
  const typed = new ESLint({ cwd: ROOT });
  const rulesFired = async (file: string, code: string) => {
    const [result] = await typed.lintText(code, { filePath: path.join(ROOT, file) });
    return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
  };

  it.each(['electron/core/ports.ts', 'renderer/src/NoValue.tsx'])('reports a floating promise in %s, and not an awaited or voided one', async (file) => {
    expect(await rulesFired(file, 'async function work(): Promise<void> {}\nwork();\nexport {};\n')).toEqual(['@typescript-eslint/no-floating-promises']);
    expect(await rulesFired(file, 'async function work(): Promise<void> {}\nawait work();\n// Fire and forget: nothing waits for it.\nvoid work();\nexport {};\n')).toEqual([]);
  });
});
