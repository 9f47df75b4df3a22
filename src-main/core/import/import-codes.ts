/**
 * Codes of the warnings a build report counts (`ImportWarning.code`). One per kind of problem, so a
 * per-file table or a `--json` consumer can group warnings without parsing their messages.
 */
export const WARNING_CODES = {
  /** C1 control characters mapped through Windows-1252 (`count`: characters). */
  c1Repaired: 'text-c1-repaired',
  /** Front-matter keys kept as extra metadata because no field maps them (`count`: keys). */
  unmappedFields: 'front-matter-unmapped',
  /** An `<iframe>`, `<object>`, `<embed>` or `<video>` replaced by a link (`count`: embeds). */
  embedReplaced: 'embed-replaced',
  /** A file left out by `_config.yml`'s `exclude:`, a `--exclude` glob, or as a repeated README. */
  excluded: 'excluded',
} as const;

export type WarningCode = (typeof WARNING_CODES)[keyof typeof WARNING_CODES];
