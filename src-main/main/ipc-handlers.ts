import type { IpcMainInvokeEvent } from 'electron';
import {
  API_METHOD_NAMES,
  API_METHODS,
  parseApiArguments,
  type ApiHandlers,
  type ApiMethod,
} from '../common/api-methods';
import { ApiError, type ApiErrorPayload } from '../common/errors';
import { isArchiveMethod, type ArchiveMethod } from '../core/api/archive-handlers';
import { toApiErrorPayload } from '../core/api/error-payload';

/**
 * Every IPC reply is an envelope: Electron turns an exception thrown in a handler into
 * an "Error invoking remote method ..." string and drops its name, so failures travel
 * as data and the preload rejects with the `{name, message}` inside.
 */
export type IpcEnvelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorPayload };

/** The methods this window answers itself. */
export type IpcHandlers = Partial<ApiHandlers>;

/**
 * Where an archive method without a handler of its own goes (the Electron worker): its arguments
 * already validated here, its answer passed on as it comes (the worker's own checks typed it).
 */
export type IpcForwarder = (method: ArchiveMethod, args: readonly unknown[]) => Promise<unknown>;

export interface IpcDeps {
  handlers: IpcHandlers;
  /** Absent: a method without a handler gets no channel at all. */
  forward?: IpcForwarder;
  /** True only for the top frame of our window showing an app:// page. */
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
}

export interface IpcRegistrar {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

/**
 * Registers one channel per method of the table that has an IPC channel and a handler here:
 * the only place IPC enters the main process. Each call checks the sender, validates its
 * arguments against the table's schema (the main process trusts no renderer) and never throws
 * across the boundary.
 */
export function registerIpcHandlers(ipc: IpcRegistrar, deps: IpcDeps): void {
  for (const name of API_METHOD_NAMES) register(ipc, deps, name, deps.handlers[name]);
}

function register<M extends ApiMethod>(
  ipc: IpcRegistrar,
  deps: IpcDeps,
  name: M,
  run: ApiHandlers<M>[M] | undefined,
): void {
  const channel: string | undefined = API_METHODS[name].ipc;
  const answer = answererOf(name, run, deps.forward);
  if (channel === undefined || answer === undefined) return;
  ipc.handle(channel, async (event, ...args) => {
    try {
      if (!deps.isTrustedSender(event)) {
        throw new ApiError('InvalidArgument', 'Refused: the request did not come from the app window.');
      }
      return { ok: true, value: await answer(args) };
    } catch (error) {
      return { ok: false, error: toApiErrorPayload(error) };
    }
  });
}

/** A method's own handler, else the forwarder for an archive method; arguments validated first. */
function answererOf<M extends ApiMethod>(
  name: M,
  run: ApiHandlers<M>[M] | undefined,
  forward: IpcForwarder | undefined,
): ((args: readonly unknown[]) => Promise<unknown>) | undefined {
  if (run !== undefined) return (args) => run(...parseApiArguments(name, args));
  if (forward === undefined || !isArchiveMethod(name)) return undefined;
  return (args) => forward(name, parseApiArguments(name, args));
}

/** What the sender check reads from an event (narrow, so tests can build one). */
export interface SenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * The sender must be our window's WebContents, its top frame, on app://app. A page that
 * somehow navigated elsewhere, an iframe, or another window gets nothing.
 */
export function isTrustedSenderOf(windowContentsId: () => number | null, isAppUrl: (url: string) => boolean) {
  return (event: SenderInfo): boolean => {
    const expected = windowContentsId();
    if (expected === null || event.sender.id !== expected) return false;
    const frame = event.senderFrame;
    if (frame === null || frame.parent !== null) return false;
    return isAppUrl(frame.url);
  };
}
