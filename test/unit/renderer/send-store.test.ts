import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import type { GuardStatus } from '../../../shared/send-guard.ts';
import { ContractError } from '../../../shared/contract-error.ts';
import type { SendRequest } from '../../../shared/contract.ts';
import type { SettingsView } from '../../../shared/settings-schema.ts';
import { createSendStore, REPEAT_GUARD_MS } from '../../../renderer/src/send/create-send-store.ts';

const sendCode = vi.fn<(request: SendRequest) => Promise<HistoryRow>>();
const sendGuard = vi.fn<(request: { phone: string }) => Promise<GuardStatus>>();
const settingsGet = vi.fn<() => Promise<SettingsView>>();
const sendCompleted = vi.fn();
const useSendStore = createSendStore({ send: { code: sendCode, guard: sendGuard }, settings: { get: settingsGet } }, sendCompleted);
const SETTINGS = { settings: { timeoutMs: 15_000 }, recoveredKeys: [] } as unknown as SettingsView;

function row(phone: string): HistoryRow {
  return {
    id: 1, startedAt: Date.now(), state: 'done', phone, code: '1234', codeSource: 'generated', outcome: 'sent', delivery: 'sent',
    httpStatus: 200, status: true, statusInfo: 'send ok', operatorName: 'ООО "Мегафон"', channel: 'telegram', apiId: 1,
    error: null, durationMs: 5, reportedCode: null, reportedPhone: null, retryAfterS: null, mode: 'sandbox', sentBy: 'QA', osUser: 'qa', host: 'desk', blockedBy: null, apiBase: null, check: null, providerStatus: null, codeHidden: false, codeWithheld: false,
  };
}

/** A reply the test releases when it chooses, to hold a send in flight. */
function deferred(phone = '79243555100') {
  let release!: () => void;
  const promise = new Promise<HistoryRow>((resolve) => (release = () => resolve(row(phone))));
  return { promise, release };
}

let clock = Date.now();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  sendCode.mockReset();
  sendCompleted.mockReset();
  settingsGet.mockReset();
  settingsGet.mockResolvedValue(SETTINGS);
  sendCode.mockImplementation(async ({ phone }) => row(phone));
  // Past any repeat window left by the previous test, whose clock may have run ahead of the real one.
  clock += 60_000;
  vi.setSystemTime(clock);
  useSendStore.setState({ busy: false, pending: null, last: null, question: null, guard: null, draft: { phone: '', ownCode: false, code: '' } });
});
afterEach(() => vi.useRealTimers());

describe('send store', () => {
  it('sends once while a send is in flight, however often it is asked', async () => {
    const reply = deferred();
    sendCode.mockReturnValueOnce(reply.promise);
    const first = useSendStore.getState().send({ phone: '79243555100' });
    expect(useSendStore.getState().busy).toBe(true);
    const again = await Promise.all([useSendStore.getState().send({ phone: '79243555100' }), useSendStore.getState().send({ phone: '79243555101' })]);
    expect(again).toEqual([false, false]);
    reply.release();
    expect(await first).toBe(true);
    expect(sendCode).toHaveBeenCalledTimes(1);
    expect(useSendStore.getState().busy).toBe(false);
    expect(useSendStore.getState().last).toMatchObject({ kind: 'reply', row: { phone: '79243555100' } });
  });

  it('ignores the same request right after it ended, and takes it again once the moment has passed', async () => {
    const { send } = useSendStore.getState();
    expect(await send({ phone: '79243555100', code: '1234' })).toBe(true);
    vi.setSystemTime(Date.now() + REPEAT_GUARD_MS - 1);
    expect(await send({ phone: '79243555100', code: '1234' })).toBe(false);
    vi.setSystemTime(Date.now() + 2);
    expect(await send({ phone: '79243555100', code: '1234' })).toBe(true);
    expect(sendCode).toHaveBeenCalledTimes(2);
  });

  it('sends a different number or code at once', async () => {
    const { send } = useSendStore.getState();
    expect(await send({ phone: '79243555100' })).toBe(true);
    expect(await send({ phone: '79243555101' })).toBe(true);
    expect(await send({ phone: '79243555101', code: '0000' })).toBe(true);
    expect(sendCode).toHaveBeenCalledTimes(3);
  });

  it('keeps a contract error code, read by shape, and calls anything else internal', async () => {
    const { send } = useSendStore.getState();
    sendCode.mockRejectedValueOnce(Object.assign(new Error('phone rejected'), { name: 'ContractError', code: 'invalid_phone' }));
    await send({ phone: '79243555100' });
    expect(useSendStore.getState().last).toEqual({ kind: 'refused', code: 'invalid_phone', phone: '79243555100' });
    sendCode.mockRejectedValueOnce(new Error('bridge gone'));
    await send({ phone: '79243555101' });
    expect(useSendStore.getState().last).toEqual({ kind: 'refused', code: 'internal', phone: '79243555101' });
    expect(useSendStore.getState().busy).toBe(false);
  });

  it('tells the history after every completed send, and only then', async () => {
    await useSendStore.getState().send({ phone: '79243555100' });
    await useSendStore.getState().send({ phone: '79243555100' });
    sendCode.mockRejectedValueOnce(new Error('bridge gone'));
    await useSendStore.getState().send({ phone: '79243555101' });
    expect(sendCompleted).toHaveBeenCalledTimes(2);
  });

  it('holds a send main asks about as a question, sends nothing more, and sends it confirmed only when told', async () => {
    // As the error arrives after the contextBridge: only its message is left.
    const asked = new Error(new ContractError('confirm_repeat', 'a code sent 42 s ago is still visible', { sentAt: 1_700_000_000_000, ageSeconds: 42 }).message);
    sendCode.mockRejectedValueOnce(asked);
    const { send } = useSendStore.getState();
    expect(await send({ phone: '79243555100' })).toBe(true);
    expect(useSendStore.getState()).toMatchObject({ busy: false, last: null, question: { request: { phone: '79243555100' }, sentAt: 1_700_000_000_000, ageSeconds: 42 } });
    // Nothing was recorded, so the history need not reload.
    expect(sendCompleted).not.toHaveBeenCalled();
    // Confirming at once is a new intent, not an ignored repeat.
    expect(await useSendStore.getState().confirmRepeat()).toBe(true);
    expect(sendCode).toHaveBeenLastCalledWith({ phone: '79243555100', confirmRepeat: true });
    expect(useSendStore.getState()).toMatchObject({ question: null, last: { kind: 'reply' } });
    expect(await useSendStore.getState().confirmRepeat()).toBe(false);
    expect(sendCode).toHaveBeenCalledTimes(2);
  });

  it('while it asks, keeps the card of the same caller on screen, and never another caller\'s', async () => {
    const { send } = useSendStore.getState();
    await send({ phone: '79243555100' });
    const card = useSendStore.getState().last;
    expect(card).toMatchObject({ kind: 'reply' });
    sendCode.mockRejectedValueOnce(new ContractError('confirm_repeat', 'still visible', { sentAt: 1, ageSeconds: 5 }));
    await send({ phone: '79243555100', code: '4827' });
    expect(useSendStore.getState()).toMatchObject({ question: { request: { phone: '79243555100' } }, last: card });

    await send({ phone: '79243555101' });
    sendCode.mockRejectedValueOnce(new ContractError('confirm_repeat', 'still visible', { sentAt: 1, ageSeconds: 5 }));
    await send({ phone: '79243555100', code: '4827' });
    expect(useSendStore.getState()).toMatchObject({ question: { request: { phone: '79243555100' } }, last: null });
  });

  it('drops the question when dismissed', async () => {
    sendCode.mockRejectedValueOnce(new ContractError('confirm_repeat', 'still visible', { sentAt: 1, ageSeconds: 5 }));
    await useSendStore.getState().send({ phone: '79243555100' });
    useSendStore.getState().dismissQuestion();
    expect(await useSendStore.getState().confirmRepeat()).toBe(false);
    expect(sendCode).toHaveBeenCalledTimes(1);
  });

  it('keeps the guard figures of the number typed last, dropping a late answer for another', async () => {
    const status = (phone: string): GuardStatus => ({ phone, now: 0, sentToday: 1, dailyCap: 5, lastSentAt: null, cooldownUntil: null, visibleUntil: null, blocked: null });
    let releaseFirst!: () => void;
    sendGuard.mockImplementationOnce(({ phone }) => new Promise((resolve) => (releaseFirst = () => resolve(status(phone)))));
    sendGuard.mockImplementationOnce(async ({ phone }) => status(phone));
    const first = useSendStore.getState().refreshGuard('79243555100');
    await useSendStore.getState().refreshGuard('79243555101');
    releaseFirst();
    await first;
    expect(useSendStore.getState().guard?.status.phone).toBe('79243555101');
    await useSendStore.getState().refreshGuard(null);
    expect(useSendStore.getState().guard).toBeNull();
  });

  it('clears the last result the moment the next send starts, so its code cannot be read to the next caller', async () => {
    const { send } = useSendStore.getState();
    await send({ phone: '79243555100' });
    expect(useSendStore.getState().last).toMatchObject({ kind: 'reply', row: { code: '1234' } });
    const reply = deferred('79243555101');
    sendCode.mockReturnValueOnce(reply.promise);
    const next = send({ phone: '79243555101' });
    expect(useSendStore.getState().last).toBeNull();
    expect(useSendStore.getState().pending).toMatchObject({ phone: '79243555101' });
    reply.release();
    await next;
    expect(useSendStore.getState()).toMatchObject({ pending: null, last: { kind: 'reply', row: { phone: '79243555101' } } });
  });

  it('learns the timeout for the seconds shown while waiting', async () => {
    const reply = deferred();
    sendCode.mockReturnValueOnce(reply.promise);
    const sending = useSendStore.getState().send({ phone: '79243555100' });
    await vi.waitFor(() => expect(useSendStore.getState().pending?.timeoutMs).toBe(15_000));
    reply.release();
    await sending;
  });

  it('stops waiting: the outcome is unknown, the form is free, and the late answer never takes the screen', async () => {
    const reply = deferred();
    sendCode.mockReturnValueOnce(reply.promise);
    useSendStore.setState({ draft: { phone: '+7 924 355-51-00', ownCode: true, code: '4321' } });
    const first = useSendStore.getState().send({ phone: '79243555100', code: '4321' });
    useSendStore.getState().stopWaiting();
    expect(useSendStore.getState()).toMatchObject({ busy: false, pending: null, last: { kind: 'abandoned', phone: '79243555100' } });
    // The own code may have gone out with it, so it is not offered to the next person.
    expect(useSendStore.getState().draft).toEqual({ phone: '+7 924 355-51-00', ownCode: true, code: '' });
    expect(await useSendStore.getState().send({ phone: '79243555101' })).toBe(true);
    expect(useSendStore.getState().last).toMatchObject({ kind: 'reply', row: { phone: '79243555101' } });
    reply.release();
    expect(await first).toBe(false);
    expect(useSendStore.getState().last).toMatchObject({ kind: 'reply', row: { phone: '79243555101' } });
    // The history still hears of it: main recorded its real outcome.
    expect(sendCompleted).toHaveBeenCalledTimes(2);
  });
});
