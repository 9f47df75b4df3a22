import type { HtmlTagDescriptor, Plugin } from 'vite';

export interface PreloadOptions {
  /** Modules whose chunks the entry loads but the page may not need (one language of two): not preloaded. */
  except?: RegExp;
}

/**
 * Vite plugin: index.html preloads (`<link rel="modulepreload">`) the chunks the entry loads with
 * `import()`, and their static imports. The entry (src-renderer/main.tsx) is small and loads the
 * app as a second chunk, so that it can send its first requests while that chunk downloads;
 * without this link the browser would learn of the chunk only once the entry has run, a full
 * round trip later (150 ms or more on a phone over a hotspot).
 */
export function preloadAppChunk(options: PreloadOptions = {}): Plugin {
  return {
    name: 'archivo-preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const { bundle, chunk: entry } = context;
        if (!bundle || !entry) return [];
        const preloaded = new Set([entry.fileName, ...entry.imports]);
        const wanted: string[] = [];
        const visit = (fileName: string) => {
          if (preloaded.has(fileName)) return;
          preloaded.add(fileName);
          const output = bundle[fileName];
          if (output?.type !== 'chunk') return;
          if (options.except && output.facadeModuleId && options.except.test(output.facadeModuleId)) return;
          for (const imported of output.imports) visit(imported);
          wanted.push(fileName);
        };
        for (const fileName of entry.dynamicImports) visit(fileName);
        return wanted.map((fileName): HtmlTagDescriptor => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${fileName}` },
          injectTo: 'head',
        }));
      },
    },
  };
}
