/**
 * Hands a file the page made to the browser's download: a link to an object URL (works on plain
 * http; nothing leaves the machine).
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Later, not now: some browsers read the URL after the click event returns.
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 60_000);
}
