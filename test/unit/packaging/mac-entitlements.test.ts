import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import plist from 'plist';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const builder = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { mac?: Record<string, unknown> };
const mac = builder.mac ?? {};

/** Hardened-runtime exceptions that would let injected or unsigned code run in the app. */
const FORBIDDEN = [
  'com.apple.security.cs.disable-library-validation',
  'com.apple.security.cs.allow-unsigned-executable-memory',
  'com.apple.security.cs.allow-dyld-environment-variables',
  'com.apple.security.cs.disable-executable-page-protection',
  'com.apple.security.get-task-allow',
];

function entitlements(file: unknown): Record<string, unknown> {
  expect(typeof file).toBe('string');
  const full = path.join(root, String(file));
  expect(existsSync(full), `${String(file)} exists`).toBe(true);
  return plist.parse(readFileSync(full, 'utf8')) as Record<string, unknown>;
}

describe('macOS entitlements', () => {
  it('are named explicitly in electron-builder.yml, from build/, for a hardened runtime', () => {
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(mac.entitlementsInherit).toBe('build/entitlements.mac.inherit.plist');
  });

  it.each([
    ['the app', 'entitlements'],
    ['its helpers and frameworks', 'entitlementsInherit'],
  ])('grant %s only JIT, and none of the exceptions that would weaken code signing', (_who, key) => {
    const granted = entitlements(mac[key]);
    for (const forbidden of FORBIDDEN) expect(granted).not.toHaveProperty([forbidden]);
    expect(granted).toEqual({ 'com.apple.security.cs.allow-jit': true });
  });
});
