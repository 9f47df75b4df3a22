/** UI preferences remembered in localStorage; every read tolerates missing or foreign values. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type LanguageChoice = 'es' | 'en';

const KEYS = {
  theme: 'archive.theme',
  language: 'archive.language',
  textSize: 'archive.textSize',
  annotationsOffSeen: 'archive.annotationsOffSeen',
} as const;
export const TEXT_SIZES = [0.875, 1, 1.125, 1.25, 1.375, 1.5, 1.75] as const;
export const DEFAULT_TEXT_SIZE_INDEX = 2;

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // Storage can be disabled; preferences then last for the session only.
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // See read().
  }
}

export function loadTheme(): ThemeChoice {
  const value = read(KEYS.theme);
  return value === 'light' || value === 'dark' ? value : 'system';
}
export const saveTheme = (theme: ThemeChoice) => {
  write(KEYS.theme, theme);
};

/** Remembered choice, else the system language: Spanish for any `es-*`, English otherwise. */
export function loadLanguage(): LanguageChoice {
  const value = read(KEYS.language);
  if (value === 'es' || value === 'en') return value;
  return (navigator.language || 'es').toLowerCase().startsWith('es') ? 'es' : 'en';
}
export const saveLanguage = (language: LanguageChoice) => {
  write(KEYS.language, language);
};

export function loadTextSizeIndex(): number {
  const value = Number(read(KEYS.textSize));
  return Number.isInteger(value) && value >= 0 && value < TEXT_SIZES.length && read(KEYS.textSize) !== null
    ? value
    : DEFAULT_TEXT_SIZE_INDEX;
}
export const saveTextSizeIndex = (index: number) => {
  write(KEYS.textSize, String(index));
};

/** Whether the reader has already said that this page offers no annotations (said once, not on every document). */
export const annotationsOffNoticeSeen = () => read(KEYS.annotationsOffSeen) === '1';
export const markAnnotationsOffNoticeSeen = () => {
  write(KEYS.annotationsOffSeen, '1');
};
