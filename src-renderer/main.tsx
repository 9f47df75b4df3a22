import { startFirstRequests } from './api/first-requests';
import { showEarlyResults } from './first-paint/early-results';
import { loadMessages } from './i18n/messages';
import { loadLanguage } from './lib/preferences';
import { parseRoute } from './lib/route';
import './styles.css';

/**
 * The page's entry, kept small on purpose: in browser mode it sends the status and the URL's
 * first search at once, then loads the app (React and the views, most of the page's bytes) as a
 * second chunk that index.html already preloads. On a phone on a hotspot the two answers arrive
 * while that chunk is still downloading, instead of after it has run. The strings of the page's
 * language are asked for here too, so they arrive with the app's code rather than after it; with
 * them and the search's answer, the first rows are shown before the app has run (early-results.ts).
 */
const first = window.archive ? null : startFirstRequests(window.location.href, window.location.hash);
const language = loadLanguage();
const messages = loadMessages(language);
// Nobody may await it if the app fails to start: its failure must not be an uncaught error too.
messages.catch(() => undefined);
const route = parseRoute(window.location.hash);
const root = document.getElementById('root');
if (first && root && route.view === 'search')
  Promise.all([first.search.answer, messages]).then(
    ([response, strings]) => {
      showEarlyResults(root, route.search, response, strings, language);
    },
    // The app asks again and reports the failure in its own words.
    () => undefined,
  );
void import('./start-app').then(({ startApp }) => startApp(first, language, messages));
