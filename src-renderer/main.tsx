import { startFirstRequests } from './api/first-requests';
import { loadMessages } from './i18n/messages';
import { loadLanguage } from './lib/preferences';
import './styles.css';

/**
 * The page's entry, kept small on purpose: in browser mode it sends the status and the URL's
 * first search at once, then loads the app (React and the views, most of the page's bytes) as a
 * second chunk that index.html already preloads. On a phone on a hotspot the two answers arrive
 * while that chunk is still downloading, instead of after it has run. The strings of the page's
 * language are asked for here too, so they arrive with the app's code rather than after it.
 */
const first = window.archive ? null : startFirstRequests(window.location.href, window.location.hash);
const language = loadLanguage();
const messages = loadMessages(language);
// Nobody may await it if the app fails to start: its failure must not be an uncaught error too.
messages.catch(() => undefined);
void import('./start-app').then(({ startApp }) => startApp(first, language, messages));
