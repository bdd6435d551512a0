import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/settings-schema.ts';
import enCommon from './locales/en/common.json';
import enHistory from './locales/en/history.json';
import enLoop from './locales/en/loop.json';
import enSend from './locales/en/send.json';
import enSettings from './locales/en/settings.json';
import ruCommon from './locales/ru/common.json';
import ruHistory from './locales/ru/history.json';
import ruLoop from './locales/ru/loop.json';
import ruSend from './locales/ru/send.json';
import ruSettings from './locales/ru/settings.json';

export const NAMESPACES = ['common', 'send', 'history', 'settings', 'loop'] as const;

// Bundled rather than fetched: two small languages, and the first paint must already be translated.
const resources = {
  ru: { common: ruCommon, send: ruSend, history: ruHistory, settings: ruSettings, loop: ruLoop },
  en: { common: enCommon, send: enSend, history: enHistory, settings: enSettings, loop: enLoop },
};

const followLanguage = (lng: string) => {
  document.documentElement.lang = lng;
};

/** Ready synchronously (resources are in the bundle), so the app can render in the stored language at once. */
export function initI18n(language: Language) {
  i18next.on('languageChanged', followLanguage);
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'ru',
    supportedLngs: ['ru', 'en'],
    ns: NAMESPACES,
    defaultNS: 'common',
    initAsync: false,
    // React escapes output itself.
    interpolation: { escapeValue: false },
  });
  followLanguage(i18next.language);
  return i18next;
}

export { i18next as i18n };
