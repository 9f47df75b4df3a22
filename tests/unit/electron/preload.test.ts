import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ANNOTATION_IPC_CHANNELS, IPC_CHANNELS, IPC_EVENTS, MENU_DOM_EVENTS } from '../../../src-main/common/ipc';

const exposed = new Map<string, unknown>();
const invoke = vi.fn();
const rendererListeners = new Map<string, () => void>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, listener: () => void) => rendererListeners.set(channel, listener),
  },
}));

type Api = Record<string, (...args: unknown[]) => unknown>;
let api: Api;

beforeAll(async () => {
  await import('../../../src-main/preload/preload');
  api = exposed.get('archive') as Api;
});

describe('preload', () => {
  it('exposes exactly one object, window.archive, made only of the ArchiveApi methods', () => {
    expect([...exposed.keys()]).toEqual(['archive']);
    expect(Object.keys(api).sort()).toEqual([
      'annotations',
      'assetUrl',
      'corpusInfo',
      'getDocument',
      'listArchives',
      'openExternal',
      'packs',
      'saveExport',
      'search',
      'status',
    ]);
    for (const [key, value] of Object.entries(api))
      if (key !== 'annotations' && key !== 'packs') expect(typeof value).toBe('function');
    // The one nested object holds only the AnnotationsApi methods.
    const annotations = api.annotations as unknown as Record<string, unknown>;
    expect(Object.keys(annotations).sort()).toEqual(Object.keys(ANNOTATION_IPC_CHANNELS).sort());
    for (const value of Object.values(annotations)) expect(typeof value).toBe('function');
    // No way to reach ipcRenderer: no send/on/invoke, no object values at all.
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('invokes one channel per method with the arguments as given', async () => {
    invoke.mockResolvedValue({ ok: true, value: { total: 0 } });
    await api.search!({ query: 'carta', filters: { type: ['letter'] } });
    expect(invoke).toHaveBeenLastCalledWith(IPC_CHANNELS.search, { query: 'carta', filters: { type: ['letter'] } });
    await api.getDocument!('ff8ecd809083cd7f');
    expect(invoke).toHaveBeenLastCalledWith(IPC_CHANNELS.getDocument, 'ff8ecd809083cd7f');
    await api.status!();
    expect(invoke).toHaveBeenLastCalledWith(IPC_CHANNELS.status);
    await api.openExternal!('https://example.org/');
    expect(invoke).toHaveBeenLastCalledWith(IPC_CHANNELS.openExternal, 'https://example.org/');
  });

  it('unwraps results and rejects with a plain {name, message}', async () => {
    invoke.mockResolvedValueOnce({ ok: true, value: { state: 'ready' } });
    expect(await api.status!()).toEqual({ state: 'ready' });
    invoke.mockResolvedValueOnce({ ok: false, error: { name: 'InvalidArgument', message: 'Invalid limit: too big' } });
    await expect(api.search!({ query: 'x', limit: 5000 })).rejects.toEqual({
      name: 'InvalidArgument',
      message: 'Invalid limit: too big',
    });
    invoke.mockResolvedValueOnce('garbage');
    await expect(api.corpusInfo!()).rejects.toMatchObject({ name: 'Internal' });
  });

  it('invokes one annotation channel per method with the arguments as given', async () => {
    const annotations = api.annotations as unknown as Api;
    invoke.mockResolvedValue({ ok: true, value: [] });
    await annotations.listAnnotations!('ff8ecd809083cd7f');
    expect(invoke).toHaveBeenLastCalledWith(ANNOTATION_IPC_CHANNELS.listAnnotations, 'ff8ecd809083cd7f');
    await annotations.updateAnnotation!('00000000-0000-4000-8000-000000000000', { colour: 'green' });
    expect(invoke).toHaveBeenLastCalledWith(
      ANNOTATION_IPC_CHANNELS.updateAnnotation,
      '00000000-0000-4000-8000-000000000000',
      { colour: 'green' },
    );
    await annotations.exportAnnotations!('markdown', { tag: 'ogp' });
    expect(invoke).toHaveBeenLastCalledWith(ANNOTATION_IPC_CHANNELS.exportAnnotations, 'markdown', { tag: 'ogp' });
  });

  it('builds asset URLs on the asset scheme without IPC', () => {
    invoke.mockClear();
    const id = 'a'.repeat(64);
    expect(api.assetUrl!(id)).toBe(`asset://${id}`);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('turns the menu Find command into a DOM event on window', () => {
    const dispatched: string[] = [];
    vi.stubGlobal('window', { dispatchEvent: (event: Event) => dispatched.push(event.type) });
    rendererListeners.get(IPC_EVENTS.find)?.();
    expect(dispatched).toEqual([MENU_DOM_EVENTS.find]);
    vi.unstubAllGlobals();
  });
});
