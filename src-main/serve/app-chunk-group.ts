import type { Plugin } from 'vite';

/** A codeSplitting group of rolldown's output options (typed here as the part this module fills). */
export interface ChunkGroup {
  name: string;
  test: (id: string) => boolean;
  /** False: the entry's modules, which the app's imports also reach, stay in the entry. */
  includeDependenciesRecursively: boolean;
}

/**
 * Puts every module the app's chunk needs before it can run into that one chunk (a rolldown
 * codeSplitting group). Without it, rolldown gives each module shared between the app chunk and
 * a lazily loaded view (React, i18next, the dialog frame, small helpers) a chunk of its own, as
 * it does not see that the app chunk is always loaded first: a phone on a hotspot then makes a
 * dozen requests where two would do, and HTTP/1.1 opens only six at a time, each paying the
 * link's latency. The page's entry keeps its own modules (it must run before the app arrives).
 */
export function appChunkGroup(options: { entry: RegExp; app: RegExp; name: string }): {
  plugin: Plugin;
  group: ChunkGroup;
} {
  const appModules = new Set<string>();
  const plugin: Plugin = {
    name: 'archivo-app-chunk-group',
    apply: 'build',
    buildEnd() {
      const ids = [...this.getModuleIds()];
      const staticGraphOf = (root: string | undefined): Set<string> => {
        const seen = new Set<string>();
        const visit = (id: string) => {
          if (seen.has(id)) return;
          seen.add(id);
          for (const imported of this.getModuleInfo(id)?.importedIds ?? []) visit(imported);
        };
        if (root) visit(root);
        return seen;
      };
      const entryModules = staticGraphOf(ids.find((id) => options.entry.test(id)));
      appModules.clear();
      for (const id of staticGraphOf(ids.find((id) => options.app.test(id))))
        if (!entryModules.has(id)) appModules.add(id);
    },
  };
  return {
    plugin,
    group: { name: options.name, test: (id) => appModules.has(id), includeDependenciesRecursively: false },
  };
}
