import { ApiError, isApiErrorPayload, type ApiErrorPayload } from '../../common/errors';
import { PackError } from '../packs/pack-error';

/**
 * Any thrown value as the `{name, message, code?}` every transport sends: the one place an
 * error becomes the API's error shape. Errors are recognised by class, never by their `name`:
 * an `ApiError` keeps its name and code, a refused pack (`PackError`) becomes `PackRefused`
 * with its code (the UI words the reason in its own language), a payload that already crossed
 * a boundary is kept, and anything else is `Internal` with its message.
 */
export function toApiErrorPayload(error: unknown): ApiErrorPayload {
  if (error instanceof ApiError) return error.toPayload();
  if (error instanceof PackError) return { name: 'PackRefused', message: error.message, code: error.code };
  if (isApiErrorPayload(error)) {
    return typeof error.code === 'string'
      ? { name: error.name, message: error.message, code: error.code }
      : { name: error.name, message: error.message };
  }
  return { name: 'Internal', message: error instanceof Error ? error.message : String(error) };
}
