import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppFile } from '../../../electron/core/shell-policy/app-files.ts';
import { overridesInForce, readRuntimeEnv } from '../../../electron/core/runtime-env.ts';
import { isTrustedSender, trustedOrigins } from '../../../electron/core/shell-policy/sender-policy.ts';

const TOKEN = '4ee85f4f-f5a4-4084-6a04-4634cd4fd4b4';

describe('resolveAppFile', () => {
  const root = path.resolve('/opt/app/renderer');
  it('maps app://renderer paths inside the renderer folder', () => {
    expect(resolveAppFile(root, 'app://renderer/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://renderer/assets/index-abc.js')).toBe(path.join(root, 'assets/index-abc.js'));
  });
  it.each(['app://renderer/../main/index.js', 'app://renderer/%2e%2e/%2e%2e/etc/passwd'])('keeps dot segments of %s inside the folder', (url) => {
    expect(resolveAppFile(root, url)?.startsWith(root + path.sep)).toBe(true);
  });
  it.each([
    'app://renderer/..%2F..%2Fetc%2Fpasswd',
    'app://renderer/..%5C..%5Cetc%5Cpasswd',
    'app://renderer/assets/%00.js',
    'app://other/index.html',
    'file:///etc/passwd',
    'app://renderer/%E0%A4%A',
    'not a url',
  ])('refuses %s', (url) => expect(resolveAppFile(root, url)).toBeNull());
});

describe('isTrustedSender', () => {
  const origins = trustedOrigins('http://localhost:5173/');
  it('trusts the app page and the dev server, top frame of an app window only', () => {
    expect(isTrustedSender({ isTopFrame: true, isAppWindow: true, url: 'app://renderer/index.html' }, origins)).toBe(true);
    expect(isTrustedSender({ isTopFrame: true, isAppWindow: true, url: 'http://localhost:5173/' }, origins)).toBe(true);
    expect(isTrustedSender({ isTopFrame: false, isAppWindow: true, url: 'app://renderer/index.html' }, origins)).toBe(false);
    expect(isTrustedSender({ isTopFrame: true, isAppWindow: false, url: 'app://renderer/index.html' }, origins)).toBe(false);
    expect(isTrustedSender({ isTopFrame: true, isAppWindow: true, url: 'app://renderer.evil/index.html' }, origins)).toBe(false);
    expect(isTrustedSender({ isTopFrame: true, isAppWindow: true, url: 'http://localhost:5174/' }, origins)).toBe(false);
    expect(isTrustedSender({ isTopFrame: true, isAppWindow: true, url: '' }, origins)).toBe(false);
  });
  it('has no dev origin in a packaged app', () => {
    expect(trustedOrigins(undefined)).toEqual(['app://renderer']);
  });
});

const DEV = { packaged: false, argv: ['electron', '.'] };
const ALL_SET = { TGCODE_API_BASE: 'http://127.0.0.1:4000/api/v1/authcalls/', TGCODE_TOKEN: ` ${TOKEN}\n`, TGCODE_DATA_DIR: '/tmp/x', TGCODE_POLICY_FILE: '/tmp/policy.json' };

describe('readRuntimeEnv', () => {
  it('reads the QA overrides in a development build', () => {
    expect(readRuntimeEnv(ALL_SET, DEV)).toEqual({
      apiBase: 'http://127.0.0.1:4000/api/v1/authcalls',
      token: TOKEN,
      dataDir: '/tmp/x',
      policyFile: '/tmp/policy.json',
      ignored: [],
    });
    expect(readRuntimeEnv({ TGCODE_TOKEN: '  ' }, DEV)).toEqual({ apiBase: null, token: null, dataDir: null, policyFile: null, ignored: [] });
  });
  it('refuses plain http to other hosts and malformed tokens, naming the variable but not the value', () => {
    expect(() => readRuntimeEnv({ TGCODE_API_BASE: 'http://api.telefon-ip.ru/api' }, DEV)).toThrow(/TGCODE_API_BASE/);
    const bad = `${TOKEN}/../x`;
    try {
      readRuntimeEnv({ TGCODE_TOKEN: bad }, DEV);
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toMatch(/TGCODE_TOKEN/);
      expect(String(error)).not.toContain(TOKEN);
    }
  });
  it('ignores every override in a packaged build started without --qa, naming them only', () => {
    const env = readRuntimeEnv(ALL_SET, { packaged: true, argv: ['/opt/TG Code Desk/tg-code-desk'] });
    // An installed app keeps the machine's policy: a variable cannot swap in a file that unlocks settings.
    expect(env).toEqual({ apiBase: null, token: null, dataDir: null, policyFile: null, ignored: ['TGCODE_API_BASE', 'TGCODE_TOKEN', 'TGCODE_DATA_DIR', 'TGCODE_POLICY_FILE'] });
    expect(overridesInForce(env)).toEqual([]);
    // Not even read: a bad value cannot stop the installed app from starting.
    expect(readRuntimeEnv({ TGCODE_TOKEN: 'not-a-token' }, { packaged: true, argv: ['app'] })).toMatchObject({ token: null, ignored: ['TGCODE_TOKEN'] });
    // A value that merely contains the switch is not the switch.
    expect(readRuntimeEnv(ALL_SET, { packaged: true, argv: ['app', '--qa=no', 'x--qa'] }).token).toBeNull();
  });
  it('takes them in a packaged build started with --qa, and says which are in force', () => {
    const env = readRuntimeEnv(ALL_SET, { packaged: true, argv: ['app', '--qa'] });
    expect(env).toMatchObject({ apiBase: 'http://127.0.0.1:4000/api/v1/authcalls', token: TOKEN, dataDir: '/tmp/x', policyFile: '/tmp/policy.json', ignored: [] });
    expect(overridesInForce(env)).toEqual(['apiBase', 'token', 'dataDir', 'policyFile']);
    expect(overridesInForce(readRuntimeEnv({ TGCODE_API_BASE: 'https://qa.example/api' }, DEV))).toEqual(['apiBase']);
  });
});
