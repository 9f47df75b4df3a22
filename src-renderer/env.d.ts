/** Injected by Vite from package.json at build time (see vite.config.ts). */
declare const __APP_VERSION__: string;
