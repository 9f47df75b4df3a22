import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './components/App';
import { createTransport } from './api';
import type { FirstRequests } from './api/first-requests';
import { createI18n } from './i18n';
import type { Strings } from './i18n/en';
import type { LanguageChoice } from './lib/preferences';
import { OfflineKeeperContext } from './offline/offline-context';

/**
 * Renders the app into #root. `first`: browser mode's requests the entry module already sent;
 * `messages`: the strings of `language`, which the entry started loading.
 */
export async function startApp(
  first: FirstRequests | null,
  language: LanguageChoice,
  messages: Promise<Strings>,
): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  // Independent, so started together: on a phone each costs a round trip or a disk open.
  const [i18n, transport] = await Promise.all([createI18n(language, messages), createTransport(first)]);
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <OfflineKeeperContext.Provider value={transport.offline ?? null}>
          <App transport={transport} />
        </OfflineKeeperContext.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
}
