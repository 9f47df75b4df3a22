import i18next, { type BackendModule, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Strings } from './en';
import { loadMessages } from './messages';
import type { LanguageChoice } from '../lib/preferences';

export const LANGUAGES: readonly LanguageChoice[] = ['es', 'en'];
/** Each language named in itself, as language pickers do. */
export const LANGUAGE_NAMES: Record<LanguageChoice, string> = { es: 'Español', en: 'English' };

const isLanguage = (value: string): value is LanguageChoice => LANGUAGES.some((known) => known === value);

/** i18next's loader for a language not given at start (a switch of language): its chunk, fetched then. */
const languageChunks: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read: (language, _namespace, callback) => {
    if (!isLanguage(language)) {
      callback(new Error(`no strings for the language "${language}"`), null);
      return;
    }
    loadMessages(language).then(
      (messages) => {
        callback(null, messages);
      },
      (error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)), null);
      },
    );
  },
};

/**
 * One i18next instance per app start (passed down through react-i18next's provider, not a module
 * singleton). `messages`: the language's strings when the caller already has them (the page's
 * entry starts loading them with the app's code); otherwise they are loaded here.
 */
export async function createI18n(language: LanguageChoice, messages?: Promise<Strings>): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance
    .use(languageChunks)
    .use(initReactI18next)
    .init({
      lng: language,
      // Both languages have the same keys (es.ts is typed by en.ts): no fallback, so no second language is loaded.
      fallbackLng: false,
      supportedLngs: LANGUAGES,
      resources: { [language]: { translation: await (messages ?? loadMessages(language)) } },
      // Given the page's language, loads another only when switched to.
      partialBundledLanguages: true,
      // React escapes what it renders; i18next escaping would show `&amp;` in titles.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  return instance;
}
