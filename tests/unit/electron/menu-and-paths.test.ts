import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutDialog } from '../../../src-main/main/about';
import { buildMenuTemplate } from '../../../src-main/main/menu';
import { resolveAppPaths } from '../../../src-main/main/paths';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}
const roles = (items: MenuItemConstructorOptions[]) =>
  flatten(items)
    .map((item) => item.role)
    .filter(Boolean);

function menu(isPackaged: boolean, platform: NodeJS.Platform = 'linux') {
  const actions = { find: vi.fn(), about: vi.fn(), openPack: vi.fn(), lockNotes: vi.fn(), wipeUserData: vi.fn() };
  return { actions, template: buildMenuTemplate({ appName: 'Archivo sin conexión', isPackaged, platform, actions }) };
}

describe('native menu', () => {
  it('has File, Edit, View and Help with the standard roles', () => {
    const { template } = menu(true);
    expect(template.map((item) => item.label)).toEqual(['Archivo', 'Edición', 'Ver', 'Ayuda']);
    expect(roles(template)).toEqual(
      expect.arrayContaining([
        'quit',
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'zoomIn',
        'zoomOut',
        'resetZoom',
        'togglefullscreen',
      ]),
    );
  });

  it('offers reload and devtools only when not packaged', () => {
    expect(roles(menu(true).template)).not.toContain('toggleDevTools');
    expect(roles(menu(true).template)).not.toContain('reload');
    expect(roles(menu(false).template)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('sends Find to the renderer and opens About', () => {
    const { template, actions } = menu(true);
    const items = flatten(template);
    const find = items.find((item) => item.accelerator === 'CmdOrCtrl+F');
    (find?.click as () => void)();
    expect(actions.find).toHaveBeenCalledTimes(1);
    const about = items.find((item) => item.label === 'Acerca de Archivo sin conexión');
    (about?.click as () => void)();
    expect(actions.about).toHaveBeenCalledTimes(1);
  });

  it('puts the app menu first on macOS', () => {
    expect(menu(true, 'darwin').template[0]?.label).toBe('Archivo sin conexión');
  });
});

describe('About dialog', () => {
  it('shows app version, corpus name, version, build date and document count', () => {
    const detail = aboutDialog(
      'Archivo sin conexión',
      '0.1.0',
      {
        name: 'Archivo semilla',
        version: '2026.11.28',
        buildDate: '2026-11-28T17:00:00.000Z',
        schemaVersion: 1,
        documentCount: 2,
      },
      null,
    ).detail;
    expect(detail).toContain('Versión de la aplicación: 0.1.0');
    expect(detail).toContain('Archivo: Archivo semilla');
    expect(detail).toContain('Versión del archivo: 2026.11.28');
    expect(detail).toContain('Fecha de construcción: 2026-11-28T17:00:00.000Z');
    expect(detail).toContain('Documentos: 2');
  });

  it('says why there is no corpus information', () => {
    expect(aboutDialog('A', '1', null, 'El archivo no se pudo abrir: corrupto').detail).toContain('corrupto');
    expect(aboutDialog('A', '1', null, null).detail).toContain('cargando');
  });
});

describe('paths', () => {
  it('reads the corpus from resources when packaged and from build/ in development', () => {
    const packaged = resolveAppPaths({
      isPackaged: true,
      mainDir: '/opt/Archivo/resources/app.asar/dist/main',
      appPath: '/opt/Archivo/resources/app.asar',
      resourcesPath: '/opt/Archivo/resources',
    });
    expect(packaged).toEqual({
      rendererRoot: '/opt/Archivo/resources/app.asar/dist/renderer',
      preload: '/opt/Archivo/resources/app.asar/dist/preload/preload.cjs',
      worker: '/opt/Archivo/resources/app.asar/dist/main/archive-worker.cjs',
      corpusDatabase: '/opt/Archivo/resources/corpus/corpus.sqlite',
    });
    const dev = resolveAppPaths({
      isPackaged: false,
      mainDir: '/src/app/dist/main',
      appPath: '/src/app',
      resourcesPath: '/x',
    });
    expect(dev.corpusDatabase).toBe(path.join('/src/app', 'build', 'corpus', 'corpus.sqlite'));
  });
});
