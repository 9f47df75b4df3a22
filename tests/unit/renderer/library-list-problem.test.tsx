// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n } from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryView } from '../../../src-renderer/components/LibraryView';
import { createI18n } from '../../../src-renderer/i18n';
import { useLibrary } from '../../../src-renderer/lib/use-library';
import type { ArchiveApi } from '../../../src-main/common/api';
import type { LibraryArchive } from '../../../src-main/common/library';

/** React's act() warns unless the environment says it is a test. */
Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

const BUNDLED: LibraryArchive = {
  id: 'bundled',
  kind: 'bundled',
  name: 'Archivo semilla',
  version: '1',
  buildDate: '2026-12-01T10:00:00.000Z',
  schemaVersion: 7,
  documentCount: 2,
};

/** An API whose list of archives fails once (as a server that is restarting would), then answers. */
function apiFailingOnce(): { api: ArchiveApi; calls: () => number } {
  let calls = 0;
  const listArchives = (): Promise<LibraryArchive[]> => {
    calls += 1;
    return calls === 1 ? Promise.reject(new Error('El servidor no responde.')) : Promise.resolve([BUNDLED]);
  };
  // Only the list is asked for here; no pack transport, so the view cannot install.
  return { api: { listArchives } as unknown as ArchiveApi, calls: () => calls };
}

function Library({ api }: { api: ArchiveApi }) {
  const { t } = useTranslation();
  return <LibraryView library={useLibrary(api, true, t)} />;
}

let container: HTMLDivElement;
let root: Root;
let translations: i18n;

beforeEach(async () => {
  translations = await createI18n('es');
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

async function settle(): Promise<void> {
  await act(async () => {
    for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
  });
}

describe('the list of archives', () => {
  it('says why it could not be read instead of showing an empty library, and reads it again on request', async () => {
    const { api, calls } = apiFailingOnce();
    await act(async () => {
      root.render(
        <I18nextProvider i18n={translations}>
          <Library api={api} />
        </I18nextProvider>,
      );
      await Promise.resolve();
    });
    await settle();

    const problem = container.querySelector('[data-testid="library-list-problem"]');
    expect(problem?.getAttribute('role')).toBe('alert');
    expect(problem?.textContent).toContain('No se pudo leer la lista de archivos');
    expect(problem?.textContent).toContain('El servidor no responde.');
    expect(container.querySelectorAll('.library-table tbody tr')).toHaveLength(0);

    const retry = problem?.querySelector('button');
    expect(retry?.textContent).toBe('Reintentar');
    await act(async () => {
      retry?.click();
      await Promise.resolve();
    });
    await settle();

    expect(calls()).toBe(2);
    expect(container.querySelector('[data-testid="library-list-problem"]')).toBeNull();
    const rows = container.querySelectorAll('.library-table tbody tr');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('Archivo semilla');
  });
});
