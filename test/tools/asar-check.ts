import { statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import asar from '@electron/asar';
import { parse } from 'acorn';

/**
 * What an installer's app.asar must hold, and must not: the built app and exactly the modules it loads,
 * no tests, sources, source maps, test host, docs or development packages, within a size budget.
 */
export interface AsarRules {
  /** Files that must be there (archive paths, with a leading slash). */
  required: readonly string[];
  /** Entry points whose run-time imports must each be built in, `electron`, or a package in the archive. */
  entries: readonly string[];
  /** Entry points that may import nothing but `electron` (a sandboxed preload cannot load packages). */
  sandboxed: readonly string[];
  forbidden: readonly { pattern: RegExp; what: string }[];
  /** Packages that must never be packed (the project's devDependencies). */
  devPackages: readonly string[];
  budgetBytes: number;
}

export interface AsarReport {
  files: string[];
  sizeBytes: number;
  /** Each entry's run-time imports, as written in the built code. */
  imports: Record<string, string[]>;
  problems: string[];
}

export const APP_FORBIDDEN: AsarRules['forbidden'] = [
  { pattern: /\.map$/, what: 'a source map' },
  { pattern: /\.(test|spec)\.[cm]?[jt]sx?$/, what: 'a test' },
  { pattern: /^\/test\//, what: 'test code (tests, test host, tools)' },
  { pattern: /^\/out\/host\//, what: 'the test host' },
  { pattern: /\.[cm]?tsx?$/, what: 'a TypeScript source' },
  { pattern: /^\/(electron|renderer|shared|scripts|build)\//, what: 'a source folder' },
  { pattern: /^\/docs\/|\.md$|\/(LICENSE|CHANGELOG|README)[^/]*$/i, what: 'documentation' },
];

type Node = { type: string; [key: string]: unknown };

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

function literal(node: unknown): string | null {
  return isNode(node) && node.type === 'Literal' && typeof node.value === 'string' ? node.value : null;
}

/** Every module the code loads: static and dynamic imports, and `require` calls (bundlers name it `__require`). */
export function runtimeImports(code: string): string[] {
  const found = new Set<string>();
  const visit = (node: Node): void => {
    if (/^(Import|ExportAll|ExportNamed)Declaration$/.test(node.type) || node.type === 'ImportExpression') {
      const source = literal(node.source);
      if (source) found.add(source);
    }
    if (node.type === 'CallExpression') {
      const callee = node.callee as Node;
      const args = node.arguments as unknown[];
      const source = literal(args[0]);
      if (callee.type === 'Identifier' && /^_*require$/.test(callee.name as string) && source) found.add(source);
    }
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) visit(child);
    }
  };
  visit(parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as Node);
  return [...found].sort();
}

const packageName = (specifier: string): string => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

export function checkAsar(archive: string, rules: AsarRules): AsarReport {
  // The listing names folders too; only files are judged.
  const files = asar.listPackage(archive, { isPack: false }).filter((entry) => !('files' in asar.statFile(archive, entry.slice(1))));
  const present = new Set(files);
  const problems: string[] = [];
  for (const file of rules.required) if (!present.has(file)) problems.push(`missing: ${file}`);
  for (const file of files) {
    const rule = rules.forbidden.find(({ pattern }) => pattern.test(file));
    if (rule) problems.push(`${rule.what}: ${file}`);
    const module = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(file)?.[1];
    if (module && rules.devPackages.includes(module)) problems.push(`a development package: ${module}`);
  }
  const imports: Record<string, string[]> = {};
  for (const entry of [...rules.entries, ...rules.sandboxed]) {
    if (!present.has(entry)) continue;
    const loaded = runtimeImports(asar.extractFile(archive, entry.slice(1)).toString('utf8'));
    imports[entry] = loaded;
    for (const specifier of loaded) {
      if (specifier === 'electron') continue;
      if (rules.sandboxed.includes(entry)) problems.push(`${entry} loads ${specifier}, which a sandboxed preload cannot`);
      else if (!isBuiltin(specifier) && !present.has(`/node_modules/${packageName(specifier)}/package.json`)) {
        problems.push(`${entry} loads ${specifier}, which is not in the archive`);
      }
    }
  }
  const sizeBytes = statSync(archive).size;
  if (sizeBytes > rules.budgetBytes) problems.push(`${(sizeBytes / 1e6).toFixed(2)} MB is over the budget of ${(rules.budgetBytes / 1e6).toFixed(2)} MB`);
  return { files, sizeBytes, imports, problems };
}
