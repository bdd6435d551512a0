import { expect, test } from './fixtures.ts';
import { copyToClipboard, selectedText, sendScreen, settle, updateSettings } from './send-page.ts';

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
    ['+1 202 555 0100', /не российский номер/],
    ['8 495 123 45 67', /не мобильный номер/],
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

  test('a half-typed number is not scolded until the operator leaves the field', async ({ page, host: _host }) => {
    const screen = sendScreen(page);
    await screen.phone.pressSequentially('+7 924');
    await expect(screen.phoneStatus).toHaveText(/Введите номер полностью/);
    await expect(screen.phone).toHaveAttribute('aria-invalid', 'false');
    await screen.phone.blur();
    await expect(screen.phoneStatus).toHaveText(/Неверная длина: в номере должно быть 10 цифр/);
  });

  test('sending an empty or invalid number sends nothing and says why', async ({ page, sim }) => {
    const screen = sendScreen(page);
    await screen.sendButton.click();
    await expect(screen.phoneStatus).toHaveText('Введите номер телефона.');
    await expect(screen.phone).toBeFocused();
    await screen.phone.fill('8 495 123 45 67');
    await page.keyboard.press('Enter');
    await expect(screen.phoneStatus).toHaveText(/не мобильный номер/);
    await settle(page);
    expect(await sim.requests()).toEqual([]);
    await expect(screen.result).toContainText('Здесь появится результат отправки.');
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
    await expect(screen.result.getByText('Симулятор')).toBeVisible();

    const timer = screen.result.getByRole('timer');
    await expect(timer).toHaveText(/Код виден в Telegram — осталось (90|89|88) секунд/);
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

  test('an incomplete own code is not sent; the form says how many digits are missing', async ({ page, sim }) => {
    const screen = sendScreen(page);
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
    await settle(page);
    expect(await sim.requests()).toEqual([]);
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
    await expect(screen.result).toContainText('+7 924 355-51-01');
    expect((await sim.requests()).map((request) => request.phone)).toEqual(['79243555100', '79243555101']);
  });
});

test.describe('one intent, one request', () => {
  test('a double click sends once', async ({ page, sim }) => {
    const screen = sendScreen(page);
    await screen.phone.fill('9243555100');
    await screen.sendButton.dblclick();
    await expect(screen.sentCode).toHaveText(/^\d{4}$/);
    await settle(page);
    expect(await sim.requests()).toHaveLength(1);
  });

  test('a held Enter (key repeat) sends once', async ({ page, sim }) => {
    const screen = sendScreen(page);
    await screen.phone.fill('9243555100');
    for (let i = 0; i < 8; i++) {
      await page.keyboard.down('Enter');
      await page.waitForTimeout(30);
    }
    await page.keyboard.up('Enter');
    await expect(screen.sentCode).toHaveText(/^\d{4}$/);
    await settle(page);
    expect(await sim.requests()).toHaveLength(1);
  });

  test('several rapid presses of Enter send once', async ({ page, sim }) => {
    const screen = sendScreen(page);
    await screen.phone.fill('9243555100');
    for (let i = 0; i < 5; i++) await page.keyboard.press('Enter');
    await expect(screen.sentCode).toHaveText(/^\d{4}$/);
    await settle(page);
    expect(await sim.requests()).toHaveLength(1);
  });

  test('while a send is in flight the form is busy and clicks send nothing more', async ({ page, sim }) => {
    const screen = sendScreen(page);
    await updateSettings(page, { timeoutMs: 2_000 });
    await sim.queueFaults('hang');
    await screen.phone.fill('9243555100');
    await screen.sendButton.click();
    await expect(page.getByRole('form', { name: 'Отправить код в Telegram' })).toHaveAttribute('aria-busy', 'true');
    await expect(screen.sendButton).toHaveText('Отправляем…');
    await expect(screen.phone).not.toBeEditable();
    await screen.sendButton.click();
    await page.keyboard.press('Enter');
    await expect(screen.result.getByRole('heading', { name: 'Сервис не ответил вовремя' })).toBeVisible();
    await settle(page);
    expect(await sim.requests()).toHaveLength(1);
  });

  test('the same number can be sent again once the moment has passed', async ({ page, sim }) => {
    const screen = sendScreen(page);
    await screen.send('9243555100');
    await page.waitForTimeout(1_100);
    await screen.sendButton.click();
    await expect.poll(async () => (await sim.requests()).length).toBe(2);
  });
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
  await page.getByRole('button', { name: 'История' }).click();
  await expect(page.getByRole('button', { name: 'История' })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('button', { name: 'Отправка' }).click();
  await expect(screen.phone).toHaveValue('9243555101');
  await expect(screen.sentCode).toHaveText('1357');
  await expect(screen.phone).toBeFocused();
});

test('"send again" from the history fills in the number, ready to send', async ({ page, sim }) => {
  const screen = sendScreen(page);
  await screen.send('8 924 355 51 07');
  await page.getByRole('navigation').getByRole('button', { name: 'История' }).click();
  await page.getByRole('row').filter({ hasText: '+7 924 355-51-07' }).click();
  await page.getByRole('button', { name: 'Отправить ещё раз на этот номер' }).click();
  await expect(screen.phone).toHaveValue('+7 924 355-51-07');
  await expect(screen.phone).toBeFocused();
  expect(await selectedText(page, 'Номер телефона')).toBe('+7 924 355-51-07');
  await page.waitForTimeout(1_000);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await sim.requests()).map((request) => request.phone)).toEqual(['79243555107', '79243555107']);
});
