import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../src-main/common/errors';
import { IPC_CHANNELS } from '../../../src-main/common/ipc';
import type { CorpusInfo, SearchRequest, SearchResponse } from '../../../src-main/common/types';
import { isAppUrl } from '../../../src-main/main/app-protocol';
import {
  isTrustedSenderOf,
  registerIpcHandlers,
  type IpcHandlers,
  type IpcEnvelope,
} from '../../../src-main/main/ipc-handlers';

const WINDOW_ID = 7;
const KNOWN_ID = 'ff8ecd809083cd7f'; // a well-formed id the fake backend answers with null

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function event(
  options: { senderId?: number; url?: string; iframe?: boolean; noFrame?: boolean } = {},
): IpcMainInvokeEvent {
  const frame = options.noFrame
    ? null
    : { url: options.url ?? 'app://app/index.html#search', parent: options.iframe ? {} : null };
  return { sender: { id: options.senderId ?? WINDOW_ID }, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

const EMPTY_RESPONSE: SearchResponse = {
  total: 0,
  hits: [],
  facets: { type: [], category: [], tag: [], author: [], year: [] },
  notice: null,
  terms: [],
  phrases: [],
};

function setup() {
  const handlers = new Map<string, Handler>();
  const backend = {
    status: vi.fn(async () => ({ state: 'ready' as const })),
    corpusInfo: vi.fn(async (): Promise<CorpusInfo> => ({
      name: 'Archivo semilla',
      version: '2026.11.28',
      buildDate: '2026-11-28T17:00:00.000Z',
      schemaVersion: 1,
      documentCount: 2,
    })),
    search: vi.fn(async (_request: SearchRequest) => EMPTY_RESPONSE),
    getDocument: vi.fn(async (id: string) => {
      if (id === KNOWN_ID) return null;
      throw new ApiError('NotFound', `No document ${id}`);
    }),
    listArchives: vi.fn(async () => []),
  } satisfies IpcHandlers;
  const openExternal = vi.fn(async () => undefined);
  const saveExport = vi.fn(async () => ({ kind: 'cancelled' as const }));
  registerIpcHandlers(
    { handle: (channel, listener) => void handlers.set(channel, listener) },
    {
      handlers: { ...backend, openExternal, saveExport },
      isTrustedSender: isTrustedSenderOf(() => WINDOW_ID, isAppUrl),
    },
  );
  const call = async (channel: string, e: IpcMainInvokeEvent, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return (await handler(e, ...args)) as IpcEnvelope<unknown>;
  };
  return { handlers, backend, openExternal, call };
}

function errorOf(envelope: IpcEnvelope<unknown>) {
  if (envelope.ok) throw new Error(`expected a failure, got ${JSON.stringify(envelope.value)}`);
  return envelope.error;
}

describe('IPC handlers', () => {
  it('registers one handler per channel', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('passes a valid search through to the archive', async () => {
    const { call, backend } = setup();
    const request = {
      query: 'México espionaje',
      filters: { type: ['letter'], from: '2017-05' },
      sort: 'date',
      limit: 20,
    };
    expect(await call(IPC_CHANNELS.search, event(), request)).toEqual({ ok: true, value: EMPTY_RESPONSE });
    expect(backend.search).toHaveBeenCalledWith(request);
  });

  it.each([
    [{ query: 'gobierno', filters: { year: ['2017'] } }, 'Invalid filters.year.0'],
    [{ query: 'gobierno', limit: 0 }, 'Invalid limit'],
    [{ query: 'gobierno', sort: 'random' }, 'Invalid sort'],
    [
      { query: 'gobierno', filters: { from: '23 de mayo de 2017' } },
      'Invalid filters.from: expected YYYY, YYYY-MM or YYYY-MM-DD',
    ],
    [{ query: 42 }, 'Invalid query'],
    [{ query: 'gobierno', evil: true }, 'Invalid request: Unrecognized key'],
    ['gobierno', 'Invalid request'],
  ])('rejects the search %j with InvalidArgument naming the field', async (request, message) => {
    const { call, backend } = setup();
    const error = errorOf(await call(IPC_CHANNELS.search, event(), request));
    expect(error.name).toBe('InvalidArgument');
    expect(error.message.startsWith(message)).toBe(true);
    expect(backend.search).not.toHaveBeenCalled();
  });

  it('rejects wrong argument counts', async () => {
    const { call } = setup();
    expect(errorOf(await call(IPC_CHANNELS.search, event())).message).toBe(
      'Invalid request: expected 1 argument(s) (request), received 0.',
    );
    expect(errorOf(await call(IPC_CHANNELS.status, event(), 'extra')).name).toBe('InvalidArgument');
  });

  it('validates document ids before asking the archive', async () => {
    const { call, backend } = setup();
    const error = errorOf(await call(IPC_CHANNELS.getDocument, event(), '../../etc/passwd'));
    expect(error).toEqual({ name: 'InvalidArgument', message: 'Invalid id: expected a 16-character document id' });
    expect(backend.getDocument).not.toHaveBeenCalled();
    expect(await call(IPC_CHANNELS.getDocument, event(), KNOWN_ID)).toEqual({ ok: true, value: null });
  });

  it('carries archive errors across as {name, message}', async () => {
    const { call } = setup();
    expect(errorOf(await call(IPC_CHANNELS.getDocument, event(), '3d21b2bec742277f'))).toEqual({
      name: 'NotFound',
      message: 'No document 3d21b2bec742277f',
    });
  });

  it.each([
    ['another WebContents', { senderId: 99 }],
    ['a foreign page in our window', { url: 'https://evil.example/' }],
    ['a file:// page', { url: 'file:///tmp/index.html' }],
    ['another app:// host', { url: 'app://evil/index.html' }],
    ['an iframe', { iframe: true }],
    ['a frame that is gone', { noFrame: true }],
  ])('refuses calls from %s', async (_label, options) => {
    const { call, backend, openExternal } = setup();
    for (const [channel, args] of [
      [IPC_CHANNELS.status, []],
      [IPC_CHANNELS.search, [{ query: 'gobierno' }]],
      [IPC_CHANNELS.getDocument, [KNOWN_ID]],
      [IPC_CHANNELS.openExternal, ['https://example.org/']],
    ] as const) {
      const error = errorOf(await call(channel, event(options), ...args));
      expect(error.message).toBe('Refused: the request did not come from the app window.');
    }
    expect(backend.status).not.toHaveBeenCalled();
    expect(backend.search).not.toHaveBeenCalled();
    expect(backend.getDocument).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('refuses everything while no window exists', async () => {
    const check = isTrustedSenderOf(() => null, isAppUrl);
    expect(check(event() as never)).toBe(false);
  });

  it('hands a string URL to the confirm flow, and nothing else', async () => {
    const { call, openExternal } = setup();
    expect(await call(IPC_CHANNELS.openExternal, event(), 'https://example.org/a')).toEqual({
      ok: true,
      value: undefined,
    });
    expect(openExternal).toHaveBeenCalledWith('https://example.org/a');
    expect(errorOf(await call(IPC_CHANNELS.openExternal, event(), { href: 'https://x' })).message).toMatch(
      /^Invalid url/,
    );
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});
