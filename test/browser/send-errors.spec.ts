import { startSimulator } from '../../electron/core/api/simulator.ts';
import { api, expect, test, TOKEN } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

/** Nothing was sent, and the same request would fail the same way: no invitation to resend. */
const REFUSED = 'Код не отправлен.';
const NO_HELP = /Повторная отправка на этот номер, скорее всего, не поможет/;
const UNKNOWN = 'Код мог быть отправлен, а мог и нет — уточните у человека, прежде чем отправлять снова.';

/** Sandbox scenario numbers (electron/core/api/simulator.ts) and what the operator must be told for each. */
const SCENARIOS: { phone: string; title: string; advice: RegExp; delivery: string; detail?: RegExp }[] = [
  { phone: '+7 900 000-04-00', title: 'Сервис не принял номер', advice: /Сверьте номер с человеком и исправьте его; если номер верный, сообщите администратору/, delivery: REFUSED, detail: /400/ },
  { phone: '+7 900 000-04-01', title: 'Токен доступа отклонён', advice: /пока токен не исправлен: проверьте токен в Настройках/, delivery: REFUSED, detail: /Unauthorized token/ },
  { phone: '+7 900 000-04-29', title: 'Сервис занят или лимит исчерпан', advice: /отправить снова можно через 30 секунд\..*дневной лимит/, delivery: REFUSED, detail: /429/ },
  { phone: '+7 900 000-05-00', title: 'Сбой на стороне сервиса', advice: /Сервис ответил ошибкой\. Если это повторяется, сообщите в поддержку/, delivery: UNKNOWN, detail: /500/ },
  { phone: '+7 900 000-05-02', title: 'Сбой на стороне сервиса', advice: /Сервис ответил ошибкой/, delivery: UNKNOWN, detail: /502/ },
  { phone: '+7 900 000-02-01', title: 'Непонятный ответ сервиса', advice: /не так, как ожидалось: «send failed»\. Повторная отправка/, delivery: REFUSED, detail: /send failed/ },
  { phone: '+7 900 000-02-02', title: 'Непонятный ответ сервиса', advice: /не так, как ожидалось: «channel rejected the message»\. Повторная отправка/, delivery: REFUSED, detail: /channel rejected the message/ },
  { phone: '+7 900 000-02-03', title: 'Непонятный ответ сервиса', advice: /не так, как ожидалось: «body is not JSON»\./, delivery: UNKNOWN, detail: /not JSON/ },
  { phone: '+7 900 000-02-04', title: 'У этого номера нет Telegram', advice: /Предложите человеку другой способ — например, SMS или звонок/, delivery: REFUSED, detail: /user not found in telegram/ },
  { phone: '+7 900 000-04-44', title: 'Нет связи с сервисом', advice: /Проверьте подключение к интернету/, delivery: UNKNOWN },
];

for (const scenario of SCENARIOS) {
  test(`${scenario.phone}: "${scenario.title}" with what to do`, async ({ page, sim }) => {
    const screen = sendScreen(page);
    await screen.send(scenario.phone);
    await expect(screen.result.getByRole('heading', { name: scenario.title })).toBeVisible();
    await expect(screen.result).toContainText(scenario.advice);
    await expect(screen.result).toContainText(scenario.delivery);
    if (scenario.detail) await expect(screen.result).toContainText(scenario.detail);
    // Where resending would fail the same way, nobody is invited to resend; where it might help,
    // nobody is told it will not; and "try again" never stands beside "check before sending again".
    if (scenario.delivery === REFUSED) await expect(screen.result).not.toContainText('можно отправить снова');
    if (scenario.delivery === UNKNOWN) await expect(screen.result).not.toContainText(/попробуйте снова|попробуйте ещё раз/i);
    if (!scenario.title.startsWith('Непонятный')) await expect(screen.result).not.toContainText(NO_HELP);
    // A refused number is a fact about the number, never about the app's 7/8 prefix setting.
    await expect(screen.result).not.toContainText(/формат номера \(7… или 8…\)|в Настройках.*(7|8)…/);
    await expect(screen.sentCode).toHaveCount(0);
    expect(await sim.requests()).toHaveLength(1);
  });
}

test.describe('in production', () => {
  test.use({ chosenMode: 'production' });

  test('timeout: the operator is told the code may or may not have gone, and to check before resending', async ({ page, host: _host }) => {
    const standIn = await startSimulator({ tokens: [TOKEN] });
    try {
      await api(page).updateSettings({ apiBaseUrl: standIn.baseUrl, timeoutMs: 1_000 });
      await api(page).setToken(TOKEN);
      standIn.queueFaults('hang');
      const screen = sendScreen(page);
      await screen.send('9243555100', { code: '2468' });
      await expect(screen.result.getByRole('heading', { name: 'Сервис не ответил вовремя' })).toBeVisible();
      await expect(screen.result).toContainText(UNKNOWN);
      // The code may have arrived, so it stays on screen for the operator to confirm with the person.
      await expect(screen.result).toContainText('Если код дошёл, это');
      await expect(screen.sentCode).toHaveText('2468');
      await expect(screen.result.getByRole('timer')).toBeVisible();
    } finally {
      await standIn.close();
    }
  });
});

test('the timeout scenario number times out too', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await api(page).updateSettings({ timeoutMs: 1_000 });
  await screen.send('+7 900 000-04-08');
  await expect(screen.result.getByRole('heading', { name: 'Сервис не ответил вовремя' })).toBeVisible();
  await expect(screen.result).toContainText(UNKNOWN);
});

test('queued faults: a dropped connection, then the service answers again', async ({ page, sim }) => {
  const screen = sendScreen(page);
  await sim.queueFaults('drop', 'rate_limited');
  await screen.send('9243555100');
  await expect(screen.result.getByRole('heading', { name: 'Нет связи с сервисом' })).toBeVisible();
  await screen.send('9243555101');
  await expect(screen.result.getByRole('heading', { name: 'Сервис занят или лимит исчерпан' })).toBeVisible();
  await screen.send('9243555102');
  await expect(screen.result.getByRole('heading', { name: 'Код отправлен' })).toBeVisible();
});

test('a refusal from the app itself (contract error) is shown in plain words', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await page.route('**/__ipc/send:code', (route) =>
    route.fulfill({ json: { ok: false, error: { code: 'invalid_phone', message: 'phone rejected: not_mobile' } } }),
  );
  await screen.send('9243555100');
  await expect(screen.result.getByRole('heading', { name: 'Не удалось отправить' })).toBeVisible();
  await expect(screen.result).toContainText('Неверный формат номера. Проверьте номер и попробуйте снова.');
  await expect(screen.result).toContainText('Код не отправлен.');
});

test('an internal failure says the request may have left and points to the history', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await page.route('**/__ipc/send:code', (route) => route.fulfill({ json: { ok: false, error: { code: 'internal', message: 'internal error' } } }));
  await screen.send('9243555100');
  await expect(screen.result).toContainText('Внутренняя ошибка приложения');
  await expect(screen.result).toContainText('загляните в Историю');
});

test('in English, a number without Telegram is named, its reason quoted, and the operator is not told to resend', async ({ page, host: _host }) => {
  await page.getByLabel('Язык').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const screen = sendScreen(page, 'en');
  await screen.send('+7 900 000-02-04');
  await expect(screen.result.getByRole('heading', { name: 'This number has no Telegram' })).toBeVisible();
  await expect(screen.result).toContainText('Offer the person another way, such as a text message or a call.');
  await expect(screen.result).toContainText('user not found in telegram');
  await expect(screen.result).toContainText('No code was sent.');
  await expect(screen.result).not.toContainText('you can send again');
  await expect(screen.result).not.toContainText('Unexpected answer');
});
