/** IPC channel names, defined once for the preload and the main process. */
export const IPC_CHANNELS = {
  status: 'archive:status',
  corpusInfo: 'archive:corpus-info',
  search: 'archive:search',
  getDocument: 'archive:get-document',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

/** The custom schemes of the Electron build: the UI and the images stored in the corpus. */
export const APP_SCHEME = 'app';
export const ASSET_SCHEME = 'asset';

/** HTTP routes of browser mode, relative to the server's origin. */
export const HTTP_ROUTES = {
  status: '/api/status',
  corpusInfo: '/api/corpus',
  search: '/api/search',
  document: '/api/documents/',
  asset: '/api/assets/',
} as const;
