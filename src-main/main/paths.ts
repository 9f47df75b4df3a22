import path from 'node:path';

export interface AppPaths {
  /** The built renderer (Vite output), served over app://. */
  rendererRoot: string;
  /** The sandboxed preload bundle (CommonJS). */
  preload: string;
  /** The archive worker bundle. */
  worker: string;
  /** The corpus database (read-only). */
  corpusDatabase: string;
}

export interface PathInputs {
  isPackaged: boolean;
  /** Folder of the running main bundle (`dist/main`, inside app.asar when packaged). */
  mainDir: string;
  /** `app.getAppPath()`: the project root in development. */
  appPath: string;
  /** `process.resourcesPath`: where electron-builder's extraResources land. */
  resourcesPath: string;
}

/**
 * Every file the shell loads, from one place. The corpus sits outside app.asar when
 * packaged (extraResources) so a librarian can replace it without rebuilding the app,
 * and so SQLite can open it as a real file.
 */
export function resolveAppPaths(inputs: PathInputs): AppPaths {
  const distRoot = path.resolve(inputs.mainDir, '..');
  return {
    rendererRoot: path.join(distRoot, 'renderer'),
    preload: path.join(distRoot, 'preload', 'preload.cjs'),
    worker: path.join(inputs.mainDir, 'archive-worker.cjs'),
    corpusDatabase: inputs.isPackaged
      ? path.join(inputs.resourcesPath, 'corpus', 'corpus.sqlite')
      : path.join(inputs.appPath, 'build', 'corpus', 'corpus.sqlite'),
  };
}
