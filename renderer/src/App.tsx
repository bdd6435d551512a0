import { Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type View, useAppStore } from './app-store.ts';
import { BalanceBadge } from './BalanceBadge.tsx';
import { ForeignSendsBadge } from './ForeignSendsBadge.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { LeaveSettingsDialog } from './LeaveSettingsDialog.tsx';
import { PolicyBanner } from './PolicyBanner.tsx';
import { QaBadge } from './QaBadge.tsx';
import { SandboxBanner } from './SandboxBanner.tsx';
import { FirstRun, HistoryScreen, preloadScreens, SettingsScreen } from './screens.ts';
import { SendScreen } from './send/SendScreen.tsx';
import { MOD_LABEL, VIEW_SHORTCUT } from './shortcuts.ts';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { UpdateNotice } from './UpdateNotice.tsx';
import { useCloseGuard } from './use-close-guard.ts';
import { useShortcuts } from './use-shortcuts.ts';

const VIEWS: readonly View[] = ['send', 'history', 'settings'];

export function App({ firstRunPending }: { firstRunPending: boolean }) {
  const { t } = useTranslation('common');
  const view = useAppStore((state) => state.view);
  const setView = useAppStore((state) => state.setView);
  const [firstRun, setFirstRun] = useState(firstRunPending);
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  useEffect(preloadScreens, []);
  useShortcuts(!firstRun, openHelp);
  useCloseGuard();

  // Main has recorded the choice (FirstRun saved a mode), so the next start does not ask again.
  const finishFirstRun = () => {
    setFirstRun(false);
    // The operator may have just stored a token: the mode and the banner follow.
    void useAppStore.getState().refreshInfo();
  };

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">
          <svg className="brand__logo" viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="12" />
            <path d="M5.5 11.6l11-4.3c.5-.2 1 .1.8.9l-1.9 8.8c-.1.6-.5.8-1 .5l-2.9-2.1-1.4 1.4c-.2.2-.3.3-.6.3l.2-3 5.4-4.9c.2-.2 0-.3-.4-.1l-6.7 4.2-2.9-.9c-.6-.2-.6-.6.4-.8z" />
          </svg>
          {t('appName')}
        </h1>
        {!firstRun && (
          <nav className="nav" aria-label={t('nav.label')}>
            {VIEWS.map((name) => (
              <button
                key={name}
                type="button"
                className="nav__item"
                aria-current={view === name ? 'page' : undefined}
                aria-keyshortcuts={`Control+${VIEW_SHORTCUT[name]} Meta+${VIEW_SHORTCUT[name]}`}
                title={`${MOD_LABEL}+${VIEW_SHORTCUT[name]}`}
                onClick={() => setView(name)}
              >
                {t(`nav.${name}`)}
              </button>
            ))}
          </nav>
        )}
        <div className="topbar__end">
          {!firstRun && <ForeignSendsBadge />}
          {!firstRun && (
            <button type="button" className="topbar__keys" aria-keyshortcuts="F1" title={`${t('shortcuts.open')} (F1)`} onClick={openHelp}>
              <span aria-hidden="true">?</span>
              <span className="visually-hidden">{t('shortcuts.open')}</span>
            </button>
          )}
          <UpdateNotice />
          <LanguageSwitch />
        </div>
      </header>
      <PolicyBanner />
      <QaBadge />
      {!firstRun && <BalanceBadge />}
      <SandboxBanner showSettingsLink={!firstRun} />
      <main className="main">
        {view === 'send' && !firstRun ? (
          <SendScreen />
        ) : (
          // Only the screens loaded on demand wait here; the send screen never sits behind a fallback.
          <Suspense fallback={null}>
            {firstRun ? <FirstRun onDone={finishFirstRun} /> : view === 'history' ? <HistoryScreen /> : <SettingsScreen />}
          </Suspense>
        )}
      </main>
      <LeaveSettingsDialog />
      {helpOpen && <ShortcutsHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
