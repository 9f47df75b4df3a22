/**
 * Whether a post's front matter says it is not published. Jekyll (Ruby's Psych, YAML 1.1) reads
 * `published: false` and also `no`, `off` and `n` as false; the `yaml` package reads YAML 1.2,
 * where those are strings, so they are recognised here. Such a post is left out of the site, and
 * so out of the archive.
 */
export function isUnpublished(data: Record<string, unknown>): boolean {
  const value = data.published;
  if (value === false) return true;
  return typeof value === 'string' && /^(?:false|no|off|n)$/i.test(value.trim());
}
