import { describe, expect, it } from 'vitest';
import { parseUpdateFeed, resolveUpdateFeed } from '../../../electron/core/update/update-feed.ts';

describe('the update feed from TGCODE_UPDATE_URL', () => {
  it('is off without a URL, and off outside an installed build', () => {
    expect(resolveUpdateFeed(undefined, true)).toEqual({ url: null, offReason: 'no update feed set at build time (TGCODE_UPDATE_URL)' });
    expect(resolveUpdateFeed('', true).url).toBeNull();
    expect(resolveUpdateFeed('https://updates.example/tgcode/', false)).toEqual({ url: null, offReason: 'not an installed build' });
  });

  it('takes an https URL, with the trailing slash electron-updater joins file names to', () => {
    expect(resolveUpdateFeed('https://updates.example/tgcode', true)).toEqual({ url: 'https://updates.example/tgcode/', offReason: '' });
  });

  it('refuses plain http (except 127.0.0.1), credentials and non-URLs, and says why', () => {
    expect(parseUpdateFeed('http://updates.example/tgcode/')).toEqual({ url: null, problem: 'not https' });
    expect(parseUpdateFeed('http://127.0.0.1:8080/feed/').url).toBe('http://127.0.0.1:8080/feed/');
    expect(parseUpdateFeed('https://user:secret@updates.example/')).toEqual({ url: null, problem: 'credentials in the URL' });
    expect(resolveUpdateFeed('updates.example', true)).toEqual({ url: null, offReason: 'TGCODE_UPDATE_URL ignored: not a URL' });
  });
});
