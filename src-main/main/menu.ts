import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  /** Edit > Find: the renderer opens its search box. */
  find(): void;
  /** Help > About: the About dialog with app and corpus versions. */
  about(): void;
  /** File > Open archive pack…: pick a `.archive` file and add it to the library. */
  openPack(): void;
  /** File > Lock notes: the page locks encrypted notes until the passphrase is given (issue 17). */
  lockNotes(): void;
  /** File > Destroy my notes…: the confirmed quick wipe of the user data (issue 17). */
  wipeUserData(): void;
}

export interface MenuOptions {
  appName: string;
  /** Reload and developer tools exist only in unpackaged (development) builds. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
  actions: MenuActions;
}

/** The native menu as data, so its shape can be checked without Electron. */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { actions, isPackaged, platform } = options;
  const isMac = platform === 'darwin';

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: options.appName,
      submenu: [
        { label: `Acerca de ${options.appName}`, click: () => actions.about() },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit', label: 'Salir' },
      ],
    });
  }
  template.push({
    label: 'Archivo',
    submenu: [
      { label: 'Abrir paquete de archivo…', accelerator: 'CmdOrCtrl+O', click: () => actions.openPack() },
      { type: 'separator' },
      { label: 'Bloquear las notas', accelerator: 'CmdOrCtrl+L', click: () => actions.lockNotes() },
      { label: 'Destruir mis notas…', click: () => actions.wipeUserData() },
      { type: 'separator' },
      isMac ? { role: 'close', label: 'Cerrar ventana' } : { role: 'quit', label: 'Salir' },
    ],
  });
  template.push({
    label: 'Edición',
    submenu: [
      { role: 'undo', label: 'Deshacer' },
      { role: 'redo', label: 'Rehacer' },
      { type: 'separator' },
      { role: 'cut', label: 'Cortar' },
      { role: 'copy', label: 'Copiar' },
      { role: 'paste', label: 'Pegar' },
      { role: 'selectAll', label: 'Seleccionar todo' },
      { type: 'separator' },
      { label: 'Buscar…', accelerator: 'CmdOrCtrl+F', click: () => actions.find() },
    ],
  });
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: 'Tamaño real' },
    { role: 'zoomIn', label: 'Ampliar' },
    { role: 'zoomOut', label: 'Reducir' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Pantalla completa' },
  ];
  if (!isPackaged) {
    view.push(
      { type: 'separator' },
      { role: 'reload', label: 'Recargar' },
      { role: 'toggleDevTools', label: 'Herramientas de desarrollo' },
    );
  }
  template.push({ label: 'Ver', submenu: view });
  template.push({
    label: 'Ayuda',
    role: 'help',
    submenu: [{ label: `Acerca de ${options.appName}`, click: () => actions.about() }],
  });
  return template;
}
