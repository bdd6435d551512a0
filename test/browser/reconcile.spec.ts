import type { Page } from '@playwright/test';
import type { TgCodeApi } from '../../shared/client.ts';
import { expect, goTo, seriousViolations, tabTo, test } from './fixtures.ts';
import { sendScreen } from './send-page.ts';

type Bridged = { tgcode: TgCodeApi };
/** What main does by itself every 15 minutes, done now. */
const reconcileInMain = (page: Page) => page.evaluate(() => (globalThis as unknown as Bridged).tgcode.reconcile.run());
const panel = (page: Page) => page.getByRole('dialog', { name: 'Сверка с биллингом' });
/** The history's action that opens the reconciliation; it names the unseen foreign sends too. */
const openButton = (page: Page) => page.getByRole('button', { name: /^Сверка( |$)/ });

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} colours`, () => {
    test.use({ colorScheme });
    // Several accessibility scans in each flow; a shared, busy machine makes each take seconds.
    test.slow();

    test('sends made by someone else with the token: a warning in the header until their list is seen', async ({ page, host: _host }) => {
      const screen = sendScreen(page);
      await screen.send('+7 924 355-51-30');
      // The sandbox's scenario number whose send the account's billing record shows beside two foreign ones.
      await screen.send('+7 900 000-09-99');
      expect((await reconcileInMain(page)).outcome).toBe('foreign');
      // The header asks main for the last comparison once a minute and after every send.
      await screen.send('+7 924 355-51-32');
      const badge = page.getByRole('button', { name: '2 чужие отправки' });
      await expect(badge).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      await tabTo(page, badge);
      await page.keyboard.press('Enter');
      // The warning opens the history with the reconciliation in front.
      await expect(page.getByRole('heading', { level: 2, name: 'История отправок' })).toBeAttached();
      await expect(panel(page)).toContainText(/2 отправки с этим токеном сделал кто-то другой \(проверено [\d.]+, [\d:]+\)/);
      const rows = panel(page).getByRole('table').getByRole('row');
      await expect(rows).toHaveCount(3);
      await expect(rows.nth(1)).toHaveText(/^[\d.]+, [\d:]+\*{7}\d{4}0,20 ₽$/);
      await expect(badge).toBeHidden();
      expect(await seriousViolations(page, 'dialog')).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(panel(page)).toBeHidden();
      // Seen: the history's action no longer counts them as new.
      await expect(openButton(page)).toHaveAccessibleName('Сверка');
    });

    test('reconcile on demand: all clear when every billed send is in the history, never when the answer is unreadable', async ({ page, sim }) => {
      const screen = sendScreen(page);
      await screen.send('+7 924 355-51-31');
      await goTo(page, 'history');
      await tabTo(page, openButton(page));
      await page.keyboard.press('Enter');
      await expect(panel(page)).toContainText('Сверки ещё не было.');
      // The dialog opens on its "Reconcile" button.
      await expect(panel(page).getByRole('button', { name: 'Сверить' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(panel(page)).toContainText(/^Сверка с биллингомСверитьВсё сходится: последняя 1 оплаченная отправка есть в этой истории/);
      expect(await seriousViolations(page, 'dialog')).toEqual([]);

      await sim.queueFaults('schema_mismatch');
      await page.keyboard.press('Enter');
      await expect(panel(page)).toContainText('Сравнить не удалось');
      await expect(panel(page)).toContainText('Это не значит, что всё в порядке.');
      await expect(panel(page)).not.toContainText('Всё сходится');
      expect(await seriousViolations(page, 'dialog')).toEqual([]);
    });
  });
}
