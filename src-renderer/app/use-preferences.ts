import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  loadTextSizeIndex,
  loadTheme,
  saveLanguage,
  saveTextSizeIndex,
  saveTheme,
  type LanguageChoice,
  type ThemeChoice,
} from '../lib/preferences';

export interface Preferences {
  language: LanguageChoice;
  changeLanguage: (next: LanguageChoice) => void;
  theme: ThemeChoice;
  changeTheme: (next: ThemeChoice) => void;
  textSizeIndex: number;
  changeTextSizeIndex: (index: number) => void;
}

/** Language, theme and the reader's text size: remembered, and applied to the whole page. */
export function usePreferences(): Preferences {
  const { i18n } = useTranslation();
  const [theme, setTheme] = useState<ThemeChoice>(loadTheme);
  const [textSizeIndex, setTextSizeIndex] = useState(loadTextSizeIndex);
  const language: LanguageChoice = i18n.language === 'en' ? 'en' : 'es';
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
  // Stable handlers: the header they go to is memoised, and the app re-renders on every keystroke and answer.
  const changeLanguage = useCallback(
    (next: LanguageChoice) => {
      saveLanguage(next);
      void i18n.changeLanguage(next);
    },
    [i18n],
  );
  const changeTheme = useCallback((next: ThemeChoice) => {
    saveTheme(next);
    setTheme(next);
  }, []);
  const changeTextSizeIndex = useCallback((index: number) => {
    saveTextSizeIndex(index);
    setTextSizeIndex(index);
  }, []);
  return { language, changeLanguage, theme, changeTheme, textSizeIndex, changeTextSizeIndex };
}
