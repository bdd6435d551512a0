// First, so each screen's own stylesheet comes after the shared one and can refine it.
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { useAppStore } from './app-store.ts';
import { initI18n } from './i18n.ts';
import { preloadFirstRun } from './screens.ts';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
const root = createRoot(container);

/** Mode, language and whether this is a first run are read before the first paint, so nothing flips after it. */
async function boot() {
  try {
    const info = await useAppStore.getState().refreshInfo();
    initI18n(info.language);
    // Main decides: no token, none from the environment, and no mode picked yet.
    const pending = info.sandboxReason === 'first_run';
    if (pending) await preloadFirstRun();
    root.render(
      <StrictMode>
        <App firstRunPending={pending} />
      </StrictMode>,
    );
  } catch {
    // Without the main process nothing works; say so in both languages rather than show a blank window.
    const i18n = initI18n('ru');
    root.render(
      <div className="boot-failed" role="alert">
        <p lang="ru">{i18n.getFixedT('ru', 'common')('boot.failed')}</p>
        <p lang="en">{i18n.getFixedT('en', 'common')('boot.failed')}</p>
      </div>,
    );
  }
}

void boot();
