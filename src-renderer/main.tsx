import { startFirstRequests } from './api/first-requests';
import './styles.css';

/**
 * The page's entry, kept small on purpose: in browser mode it sends the status and the URL's
 * first search at once, then loads the app (React and the views, most of the page's bytes) as a
 * second chunk that index.html already preloads. On a phone on a hotspot the two answers arrive
 * while that chunk is still downloading, instead of after it has run.
 */
const first = window.archive ? null : startFirstRequests(window.location.href, window.location.hash);
void import('./start-app').then(({ startApp }) => startApp(first));
