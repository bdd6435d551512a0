// First, so each screen's own stylesheet comes after the shared one and can refine it.
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AppInfo } from '../../shared/contract.ts';
import type { TokenStatus } from '../../shared/token-schema.ts';
import { App, isFirstRunDone } from './App.tsx';
import { useAppStore } from './app-store.ts';
import { initI18n } from './i18n.ts';
import { preloadFirstRun } from './screens.ts';
import { tgcode } from './tgcode.ts';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
const root = createRoot(container);

/**
 * The first-run question is for an operator with no token at all: none stored, and none given by the
 * environment (the sandbox reason says that even where the token state only describes the vault).
 */
function firstRunPending(tokenState: TokenStatus['state'], sandboxReason: AppInfo['sandboxReason']): boolean {
  return tokenState === 'none' && sandboxReason === 'no_token' && !isFirstRunDone();
}

/** Mode, language and token state are read before the first paint, so nothing flips after it. */
async function boot() {
  try {
    const [info, token] = await Promise.all([useAppStore.getState().refreshInfo(), tgcode.token.status()]);
    initI18n(info.language);
    const pending = firstRunPending(token.state, info.sandboxReason);
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
