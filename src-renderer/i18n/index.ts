import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { es } from './es';
import type { LanguageChoice } from '../lib/preferences';

export const LANGUAGES: readonly LanguageChoice[] = ['es', 'en'];
/** Each language named in itself, as language pickers do. */
export const LANGUAGE_NAMES: Record<LanguageChoice, string> = { es: 'Español', en: 'English' };

/** One i18next instance per app start (passed down through react-i18next's provider, not a module singleton). */
export async function createI18n(language: LanguageChoice): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'es',
    supportedLngs: LANGUAGES,
    resources: { es: { translation: es }, en: { translation: en } },
    // React escapes what it renders; i18next escaping would show `&amp;` in titles.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
