/** The parts of Citation.js this project calls (the packages ship no type declarations). */
declare module '@citation-js/core' {
  export interface FormatOptions {
    format?: 'text' | 'html' | 'object';
    template?: string;
    lang?: string;
  }
  export class Cite {
    constructor(data: unknown, options?: { forceType?: string });
    format(name: 'bibliography' | 'citation' | 'bibtex' | 'ris' | 'data', options?: FormatOptions): string;
  }
  interface CslRegister {
    add(name: string, value: string): void;
    has(name: string): boolean;
  }
  export const plugins: {
    config: {
      get(name: '@csl'): { styles: CslRegister; locales: CslRegister };
    };
  };
}
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
