import { describe, expect, it } from 'vitest';
import { judge, SentCodes } from '../../../electron/core/check/code-check.ts';
import type { HistoryRecord } from '../../../shared/history-schema.ts';
import { BASE_TIME, record } from '../history/fixtures/history-samples.ts';

const sentAt = (at: number): HistoryRecord => ({ ...record(1), startedAt: at, code: '1234' });
const options = { now: BASE_TIME + 10_000, tries: 3 };

describe('judging the code a caller reads back', () => {
  it('matches the code of the send, and the send is then verified', () => {
    const judged = judge(sentAt(BASE_TIME), '1234', null, options);
    expect(judged).toEqual({ verdict: 'match', triesLeft: 3, check: { state: 'verified', wrongTries: 0, checks: 1, lastVerdict: 'match', lastAt: options.now } });
  });

  it('counts a wrong code as one try and fails the send on the last one', () => {
    let current = sentAt(BASE_TIME);
    const verdicts: string[] = [];
    const left: number[] = [];
    for (let i = 0; i < 3; i++) {
      const judged = judge(current, '9999', null, options);
      verdicts.push(judged.verdict);
      left.push(judged.triesLeft);
      current = { ...current, check: judged.check };
    }
    expect(verdicts).toEqual(['mismatch', 'mismatch', 'failed']);
    expect(left).toEqual([2, 1, 0]);
    expect(current.check).toMatchObject({ state: 'failed', wrongTries: 3, checks: 3 });
    // Once failed, even the right code does not verify it: a new code must be sent.
    expect(judge(current, '1234', null, options)).toMatchObject({ verdict: 'failed', triesLeft: 0, check: { state: 'failed', checks: 4 } });
  });

  it('honours the tries setting', () => {
    expect(judge(sentAt(BASE_TIME), '0000', null, { ...options, tries: 1 })).toMatchObject({ verdict: 'failed', check: { state: 'failed' } });
  });

  it('says the code expired past its 90 s, without using a try, even when it would match', () => {
    const at90 = judge(sentAt(BASE_TIME), '1234', null, { ...options, now: BASE_TIME + 90_000 });
    expect(at90.verdict).toBe('match');
    const past = judge(sentAt(BASE_TIME), '1234', null, { ...options, now: BASE_TIME + 90_001 });
    expect(past).toMatchObject({ verdict: 'expired', triesLeft: 3, check: { state: 'open', wrongTries: 0 } });
  });

  it('has no code to compare when the API returned none or the send did not go out', () => {
    expect(judge({ ...sentAt(BASE_TIME), code: null }, '1234', null, options).verdict).toBe('no_code');
    expect(judge({ ...sentAt(BASE_TIME), delivery: 'not_sent' }, '1234', null, options).verdict).toBe('no_code');
  });

  it('compares with the code main kept when the history holds none', () => {
    expect(judge({ ...sentAt(BASE_TIME), code: null }, '5678', '5678', options).verdict).toBe('match');
    expect(judge({ ...sentAt(BASE_TIME), code: null }, '1234', '5678', options).verdict).toBe('mismatch');
  });

  it('keeps a verified send verified and still reports a later wrong code as it is', () => {
    const verified = { ...sentAt(BASE_TIME), check: judge(sentAt(BASE_TIME), '1234', null, options).check };
    expect(judge(verified, '0000', null, options)).toMatchObject({ verdict: 'mismatch', check: { state: 'verified', wrongTries: 0, checks: 2 } });
  });
});

describe('codes kept in main', () => {
  it('forgets a code after its 90 s', () => {
    let now = BASE_TIME;
    const codes = new SentCodes(() => now);
    codes.remember(1, '1111');
    now += 60_000;
    codes.remember(2, '2222');
    now += 31_000;
    expect(codes.get(1)).toBeNull();
    expect(codes.get(2)).toBe('2222');
    codes.clear();
    expect(codes.get(2)).toBeNull();
  });
});
