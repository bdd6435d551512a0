import { REPEAT_GUARD_MS } from '../../renderer/src/send/create-send-store.ts';
import { api, expect, goTo, test } from './fixtures.ts';
import { copyToClipboard, recordSends, selectedText, sendScreen } from './send-page.ts';

const NORMALIZED = '+7 924 355-51-00';

test.describe('phone field', () => {
  for (const typed of ['+7 (924) 355-51-00', '8 924 355 51 00', '9243555100', '79243555100', '924.355.51.00']) {
    test(`typing "${typed}" shows the number it will send to`, async ({ page, host: _host }) => {
      const screen = sendScreen(page);
      await screen.phone.pressSequentially(typed);
      await expect(screen.phoneStatus).toHaveText(`Номер: ${NORMALIZED}`);
      await expect(screen.phone).toHaveAttribute('aria-invalid', 'false');
    });
  }

  test('a number pasted with a trailing newline is accepted', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    await copyToClipboard(page, '8 (924) 355-51-00\n');
    await screen.phone.focus();
    await page.keyboard.press('ControlOrMeta+V');
    await expect(screen.phoneStatus).toHaveText(`Номер: ${NORMALIZED}`);
  });

  const invalid: [string, RegExp][] = [
    ['+1 202 555 0100', /принимаются только российские мобильные номера/],
    ['8 495 123 45 67', /российский мобильный начинается с 9/],
    ['9243555100x', /лишние символы/],
    ['8 924 355 51 00 1', /Неверная длина/],
    ['1234567890123456789012345678901234', /Слишком длинно/],
  ];
  for (const [typed, reason] of invalid) {
    test(`"${typed}" is refused with its reason`, async ({ page, host: _host }) => {
      const screen = sendScreen(page);
      await screen.phone.fill(typed);
      await screen.phone.blur();
      await expect(screen.phoneStatus).toHaveText(reason);
      await expect(screen.phone).toHaveAttribute('aria-invalid', 'true');
    });
  }

  test('a number pasted from Word or a web page, with dashes and no-break spaces, is accepted', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    await copyToClipboard(page, '+7\u00A0(924)\u202F355\u201351\u201400');
    await screen.phone.focus();
    await page.keyboard.press('ControlOrMeta+V');
    await expect(screen.phoneStatus).toHaveText(`Номер: ${NORMALIZED}`);
    await screen.phone.fill('8\u2009924\u2009355\u221251\u221200');
    await expect(screen.phoneStatus).toHaveText(`Номер: ${NORMALIZED}`);
  });

  const complete: [string, string, string][] = [
    ['+7 727 123 45 67', 'Это номер Казахстана, а не российский мобильный: код уходит только на +7 9XX ….', 'This is a Kazakhstan number, not a Russian mobile: codes can go to +7 9XX … only.'],
    ['+44 20 7946 0958', 'Это номер другой страны: принимаются только российские мобильные номера (+7 9XX …).', 'This is a number in another country: only Russian mobile numbers are accepted (+7 9XX …).'],
    ['4951234567', 'Это не мобильный номер: российский мобильный начинается с 9 (+7 9XX …).', 'This is not a mobile number: a Russian mobile starts with 9 (+7 9XX …).'],
  ];
  for (const [typed, ru, en] of complete) {
    test(`a whole number "${typed}" says what is wrong while it is typed, in both languages, never "type the whole number"`, async ({ page, host: _host }) => {
      const screen = sendScreen(page);
      await screen.phone.pressSequentially(typed);
      await expect(screen.phoneStatus).toHaveText(ru);
      await expect(screen.phone).toBeFocused();
      await expect(screen.phone).toHaveAttribute('aria-invalid', 'true');
      await page.getByLabel('Язык').selectOption('en');
      await expect(page.getByTestId('phone-status')).toHaveText(en);
    });
  }

  test('a half-typed number is not scolded until the operator leaves the field', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    await screen.phone.pressSequentially('+7 924');
    await expect(screen.phoneStatus).toHaveText(/Введите номер полностью/);
    await expect(screen.phone).toHaveAttribute('aria-invalid', 'false');
    await screen.phone.blur();
    await expect(screen.phoneStatus).toHaveText(/Неверная длина: в номере должно быть 10 цифр/);
  });

  test('sending an empty or invalid number sends nothing and says why', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    const sends = recordSends(page);
    await screen.sendButton.click();
    await expect(screen.phoneStatus).toHaveText('Введите номер телефона.');
    await expect(screen.phone).toBeFocused();
    await screen.phone.fill('8 495 123 45 67');
    await page.keyboard.press('Enter');
    await expect(screen.phoneStatus).toHaveText(/не мобильный номер/);
    expect(await sends.count()).toBe(0);
    await expect(screen.result).toContainText('Здесь появится результат отправки.');
  });

  test('the placeholder cannot pass for a number', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    await expect(screen.phone).toHaveAttribute('placeholder', '+7 9XX XXX-XX-XX');
  });
});

test.describe('sending', () => {
  test('without an own code: the service makes one up and the card shows it with the operator and a live countdown', async ({ page, sim }) => {
    const screen = sendScreen(page);
    await screen.send('8 (924) 355-51-03');
    const [request] = await sim.requests();
    expect(request).toMatchObject({ phone: '79243555103', code: null });
    await expect(screen.result.getByRole('heading', { name: 'Код отправлен' })).toBeVisible();
    await expect(screen.sentCode).toHaveText(/^\d{4}$/);
    await expect(screen.result).toContainText('+7 924 355-51-03');
    // The simulator names the operator by the number's last digit.
    await expect(screen.result).toContainText('ООО "Т2 Мобайл"');
    await expect(screen.result).toContainText('telegram');
    await expect(screen.result).toContainText('send ok');
    await expect(screen.result).toContainText('11084059');
    await expect(screen.result).toContainText(/\d+ мс/);
    await expect(screen.result.getByTestId('simulator-statement')).toHaveText('Симулятор — код не отправлен');

    const timer = screen.result.getByRole('timer');
    await expect(timer).toHaveText(/Настоящий код был бы виден в Telegram ещё (90|89|88) секунд/);
    const first = await timer.textContent();
    await expect(timer).not.toHaveText(first ?? '', { timeout: 3_000 });
  });

  test('with an own code: exactly that code is sent and shown, grouped for reading aloud', async ({ page, sim }) => {
    const screen = sendScreen(page);
    await screen.ownCode.check();
    await expect(screen.code).toBeFocused();
    await page.keyboard.type('4a2-7 1');
    await expect(screen.code).toHaveValue('4271');
    await expect(page.getByTestId('code-status')).toHaveText('Будет отправлен код 4271.');
    await screen.phone.fill('9243555100');
    await screen.sendButton.click();
    await expect(screen.sentCode).toHaveText('4271');
    await expect(screen.sentCode.locator('.code__pair')).toHaveText(['42', '71']);
    expect(await sim.requests()).toEqual([{ method: 'GET', phone: '79243555100', code: '4271' }]);
  });

  test('after a successful send the own code is cleared, so the next person does not get it by accident', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    await screen.send('9243555100', { code: '4271' });
    await expect(screen.sentCode).toHaveText('4271');
    await expect(screen.code).toHaveValue('');
    await expect(screen.ownCode).toBeChecked();
    await expect(page.getByTestId('code-status')).toHaveText('Введите ещё 4 цифры кода.');
  });

  test('after a failed send the own code stays, ready for a retry', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    await screen.send('+7 900 000-04-29', { code: '4271' });
    await expect(screen.result.getByRole('heading', { name: 'Сервис занят или лимит исчерпан' })).toBeVisible();
    await expect(screen.code).toHaveValue('4271');
  });

  test('an incomplete own code is not sent; the form says how many digits are missing', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    const sends = recordSends(page);
    await screen.phone.fill('9243555100');
    await screen.ownCode.check();
    await screen.code.fill('42');
    await expect(page.getByTestId('code-status')).toHaveText('Введите ещё 2 цифры кода.');
    await screen.sendButton.click();
    await expect(screen.code).toBeFocused();
    await expect(screen.code).toHaveAttribute('aria-invalid', 'true');
    await screen.code.fill('4');
    await expect(page.getByTestId('code-status')).toHaveText('Введите ещё 3 цифры кода.');
    await screen.code.fill('');
    await expect(page.getByTestId('code-status')).toHaveText('Введите ещё 4 цифры кода.');
    expect(await sends.count()).toBe(0);
  });

  test('after a send the phone field has the focus with its text selected, ready for the next number', async ({ page, sim }) => {
    const screen = sendScreen(page);
    await screen.phone.fill('9243555100');
    await page.keyboard.press('Enter');
    await expect(screen.sentCode).toHaveText(/^\d{4}$/);
    await expect(screen.phone).toBeFocused();
    expect(await selectedText(page, 'Номер телефона')).toBe('9243555100');
    await page.keyboard.type('9243555101');
    await expect(screen.phone).toHaveValue('9243555101');
    await page.keyboard.press('Enter');
    // The card names the number while it is still being sent too: wait for the answer itself.
    await expect(screen.result.getByRole('heading', { name: 'Код отправлен' })).toBeVisible();
    await expect(screen.result).toContainText('+7 924 355-51-01');
    expect((await sim.requests()).map((request) => request.phone)).toEqual(['79243555100', '79243555101']);
  });
});

test.describe('one intent, one request', () => {
  test('a double click sends once', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    const sends = recordSends(page);
    await screen.phone.fill('9243555100');
    await screen.sendButton.dblclick();
    await expect(screen.sentCode).toHaveText(/^\d{4}$/);
    expect(await sends.count()).toBe(1);
  });

  test('a held Enter sends once, however long it is held', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    const sends = recordSends(page);
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1_000);
    await screen.phone.fill('9243555100');
    await page.keyboard.down('Enter');
    await expect(screen.sentCode).toHaveText(/^\d{4}$/);
    // Still held well past the moment a repeat of the same request is ignored for: the key repeats
    // keep coming, and only their being repeats keeps them from sending again.
    await page.clock.fastForward(REPEAT_GUARD_MS + 500);
    for (let i = 0; i < 5; i++) {
      await page.keyboard.down('Enter');
      await page.clock.fastForward(200);
    }
    await page.keyboard.up('Enter');
    expect(await sends.count()).toBe(1);
  });

  test('rapid presses of Enter send once, and say the repeats were skipped; a press after the moment sends', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    const sends = recordSends(page);
    await page.clock.install();
    // Stopped: the moments below last exactly as long as the test says, however slow the machine.
    await page.clock.pauseAt(Date.now() + 1_000);
    await screen.phone.fill('9243555100');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
    await expect(screen.sentCode).toHaveText(/^\d{4}$/);
    // Presses spread over the moment after the answer: each one is the same intent again.
    for (const wait of [300, 300, 300]) {
      await page.clock.fastForward(wait);
      await page.keyboard.press('Enter');
    }
    expect(await sends.count()).toBe(1);
    await expect(screen.repeatNote).toHaveText('Этот запрос только что выполнен — повторное нажатие пропущено.');
    // The note goes after a few seconds; by then a press is a new intent and sends.
    await page.clock.fastForward(5_000);
    await expect(screen.repeatNote).toBeEmpty();
    await page.keyboard.press('Enter');
    await expect.poll(() => sends.count()).toBe(2);
  });

  test('while a send is in flight the form is busy, announces nothing and clicks send nothing more', async ({ page, sim }) => {
    const screen = sendScreen(page);
    const sends = recordSends(page);
    await api(page).updateSettings({ timeoutMs: 2_000 });
    await screen.send('+7 900 000-04-29');
    await expect(screen.announcement).not.toBeEmpty();
    await sim.queueFaults('hang');
    await screen.phone.fill('9243555100');
    await screen.sendButton.click();
    await expect(screen.form).toHaveAttribute('aria-busy', 'true');
    await expect(screen.sendButton).toHaveText('Отправляем…');
    await expect(screen.ownCode).toBeDisabled();
    // The last result's sentence is gone, so the next one is heard even if it reads the same.
    await expect(screen.announcement).toBeEmpty();
    await screen.sendButton.click();
    await page.keyboard.press('Enter');
    await expect(screen.result.getByRole('heading', { name: 'Сервис не ответил вовремя' })).toBeVisible();
    expect(await sends.count()).toBe(2);
    // A press ignored because a send is under way needs no note: the button said so.
    await expect(screen.repeatNote).toBeEmpty();
  });

  test('the same number can be sent again once the moment has passed', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    const sends = recordSends(page);
    await page.clock.install();
    await screen.send('9243555100');
    await page.clock.fastForward(REPEAT_GUARD_MS + 100);
    await screen.sendButton.click();
    await expect.poll(() => sends.count()).toBe(2);
  });
});

test('every result is announced with its number, so two refusals alike in all else are both heard', async ({ page, sim }) => {
  const screen = sendScreen(page);
  await screen.send('+7 900 000-04-29');
  // In the sandbox every announcement starts by saying that nothing was sent.
  await expect(screen.announcement).toHaveText('+7 900 000-04-29: Симулятор — код не отправлен. Ответ симулятора: Сервис занят или лимит исчерпан');
  await sim.queueFaults('rate_limited');
  await screen.send('9243555100');
  await expect(screen.announcement).toHaveText('+7 924 355-51-00: Симулятор — код не отправлен. Ответ симулятора: Сервис занят или лимит исчерпан');
  await screen.send('9243555101', { code: '1234' });
  await expect(screen.announcement).toHaveText('+7 924 355-51-01: Симулятор — код не отправлен. Ответ симулятора: Код отправлен');
});

test('keyboard only: type, tick own code, type it, Enter', async ({ page, sim }) => {
  const screen = sendScreen(page);
  // The phone field has the focus from the start.
  await expect(screen.phone).toBeFocused();
  await page.keyboard.type('8 924 355 51 00');
  await page.keyboard.press('Tab');
  await expect(screen.ownCode).toBeFocused();
  await page.keyboard.press('Space');
  await expect(screen.code).toBeFocused();
  await page.keyboard.type('0451');
  await page.keyboard.press('Enter');
  await expect(screen.sentCode).toHaveText('0451');
  await expect(screen.phone).toBeFocused();
  expect(await sim.requests()).toEqual([{ method: 'GET', phone: '79243555100', code: '0451' }]);
  // Tab reaches the send button too.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(screen.sendButton).toBeFocused();
});

test('the typed number and the last result survive a visit to another screen', async ({ page, host: _host }) => {
  const screen = sendScreen(page);
  await screen.send('9243555100', { code: '1357' });
  await screen.phone.fill('9243555101');
  await goTo(page, 'history');
  await goTo(page, 'send');
  await expect(screen.phone).toHaveValue('9243555101');
  await expect(screen.sentCode).toHaveText('1357');
  await expect(screen.phone).toBeFocused();
});

test('"send again" from the history fills in the number, ready to send', async ({ page, sim }) => {
  const screen = sendScreen(page);
  // No cooldown: the repeat within 90 s is then asked about, and confirmed with Tab and Enter.
  await api(page).updateSettings({ cooldownSeconds: 0 });
  await page.clock.install();
  await screen.send('8 924 355 51 07');
  await goTo(page, 'history');
  await page.getByRole('row').filter({ hasText: '+7 924 355-51-07' }).click();
  await page.getByRole('button', { name: 'Отправить ещё раз на этот номер' }).click();
  await expect(screen.phone).toHaveValue('+7 924 355-51-07');
  await expect(screen.phone).toBeFocused();
  expect(await selectedText(page, 'Номер телефона')).toBe('+7 924 355-51-07');
  // Past the moment in which the same request counts as a double press.
  await page.clock.fastForward(REPEAT_GUARD_MS);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alertdialog', { name: 'Отправить ещё один код?' })).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await sim.requests()).map((request) => request.phone)).toEqual(['79243555107', '79243555107']);
});
