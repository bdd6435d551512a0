import { describe, expect, it } from 'vitest';
import { isReleaseBuild, releaseProblems } from '../../../scripts/release-check.ts';

const FEED = { TGCODE_UPDATE_URL: 'https://updates.example/tgcode/' };
const WINDOWS_SIGNING = { WIN_CSC_LINK: 'C:/secrets/tgcode.pfx', WIN_CSC_KEY_PASSWORD: 'pw' };
const MAC_SIGNING = { CSC_LINK: '/secrets/developer-id.p12', CSC_KEY_PASSWORD: 'pw' };
const NOTARY = { APPLE_ID: 'release@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh', APPLE_TEAM_ID: 'TEAM123456' };

describe('which builds are releases', () => {
  it('a release/* branch or TGCODE_RELEASE=1; not main, not a feature branch', () => {
    expect(isReleaseBuild({ env: {}, branch: 'release/1.2', platform: 'win32' })).toBe(true);
    expect(isReleaseBuild({ env: { TGCODE_RELEASE: '1' }, branch: 'main', platform: 'win32' })).toBe(true);
    expect(isReleaseBuild({ env: {}, branch: 'main', platform: 'win32' })).toBe(false);
    expect(isReleaseBuild({ env: {}, branch: 'feature/release-notes', platform: 'win32' })).toBe(false);
    expect(isReleaseBuild({ env: {}, branch: null, platform: 'win32' })).toBe(false);
  });
});

describe('what a release build needs', () => {
  it('Windows: the certificate, its password and the feed; with them, nothing is missing', () => {
    expect(releaseProblems({ env: {}, branch: 'release/1.2', platform: 'win32' })).toEqual([
      'TGCODE_UPDATE_URL: the update feed (https) the desks will check',
      'WIN_CSC_LINK (or CSC_LINK): the code-signing certificate (.pfx/.p12, a path or base64)',
      'WIN_CSC_KEY_PASSWORD (or CSC_KEY_PASSWORD): the certificate’s password',
    ]);
    expect(releaseProblems({ env: { ...FEED, ...WINDOWS_SIGNING }, branch: 'release/1.2', platform: 'win32' })).toEqual([]);
    expect(releaseProblems({ env: { ...FEED, CSC_LINK: 'cert.p12', CSC_KEY_PASSWORD: 'pw' }, branch: 'release/1.2', platform: 'win32' })).toEqual([]);
  });

  it('macOS: a Developer ID identity and notarisation credentials', () => {
    expect(releaseProblems({ env: { ...FEED }, branch: 'release/1.2', platform: 'darwin' })).toEqual([
      'CSC_LINK (a "Developer ID Application" .p12) with CSC_KEY_PASSWORD, or CSC_NAME (that identity in the keychain)',
      'notarisation: APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER, or APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID, or APPLE_KEYCHAIN_PROFILE',
    ]);
    expect(releaseProblems({ env: { ...FEED, ...MAC_SIGNING, ...NOTARY }, branch: 'release/1.2', platform: 'darwin' })).toEqual([]);
    const apiKey = { APPLE_API_KEY: '/secrets/AuthKey.p8', APPLE_API_KEY_ID: 'KEY123', APPLE_API_ISSUER: 'issuer-uuid' };
    expect(releaseProblems({ env: { ...FEED, CSC_NAME: 'Developer ID Application: TG Code Desk', ...apiKey }, branch: 'release/1.2', platform: 'darwin' })).toEqual([]);
    expect(releaseProblems({ env: { ...FEED, ...MAC_SIGNING, APPLE_KEYCHAIN_PROFILE: 'tgcode-notary' }, branch: 'release/1.2', platform: 'darwin' })).toEqual([]);
  });

  it('macOS: half the notarisation credentials, or signing switched off, are not enough', () => {
    const partial = { APPLE_ID: NOTARY.APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD: NOTARY.APPLE_APP_SPECIFIC_PASSWORD };
    expect(releaseProblems({ env: { ...FEED, ...MAC_SIGNING, ...partial }, branch: 'release/1.2', platform: 'darwin' })).toHaveLength(1);
    expect(releaseProblems({ env: { ...FEED, ...MAC_SIGNING, ...NOTARY, CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, branch: 'release/1.2', platform: 'darwin' })).toEqual([
      'CSC_IDENTITY_AUTO_DISCOVERY=false turns signing off: unset it',
    ]);
  });

  it('a feed that is not https is named as such', () => {
    expect(releaseProblems({ env: { ...WINDOWS_SIGNING, TGCODE_UPDATE_URL: 'http://updates.example/' }, branch: 'release/1.2', platform: 'win32' })).toEqual([
      'TGCODE_UPDATE_URL: the update feed (https) the desks will check — the one given is not https',
    ]);
  });
});
