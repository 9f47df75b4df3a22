/** The machine-readable code an API refusal carries (see ApiError), or null. */
export function apiErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

export function apiErrorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
