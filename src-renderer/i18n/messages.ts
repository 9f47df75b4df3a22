import type { LanguageChoice } from '../lib/preferences';
import type { Strings } from './en';

/**
 * One language's strings, as a chunk of its own: a page needs only the language it shows (about
 * 7 KB compressed each), and a phone on a hotspot pays for every byte before its first results.
 * The other language is loaded when the person switches to it.
 */
export function loadMessages(language: LanguageChoice): Promise<Strings> {
  return language === 'en' ? import('./en').then(({ en }) => en) : import('./es').then(({ es }) => es);
}
