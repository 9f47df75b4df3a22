/**
 * The pack among files the user picked or dropped, and its signature when it came along
 * (`<pack>.archive.minisig`, minisign's naming). The signature travels beside the pack on the
 * stick; in the browser the page only sees what the user hands it, so both may be chosen together.
 */
export function pickPackFiles(files: ArrayLike<File>): { pack: File; signature?: File } | null {
  const list = Array.from(files);
  const pack =
    list.find((file) => file.name.toLowerCase().endsWith('.archive')) ?? list.find((file) => !isSignature(file));
  if (pack === undefined) return null;
  const signature = list.find((file) => file.name === `${pack.name}.minisig`);
  return signature ? { pack, signature } : { pack };
}

function isSignature(file: File): boolean {
  return file.name.toLowerCase().endsWith('.minisig');
}
