/**
 * Copies text to the clipboard, also where `navigator.clipboard` does not exist: a phone
 * reading the archive over a laptop's hotspot (plain http, not a secure context). There the
 * text is put in an off-screen text area, selected and copied with the editing command every
 * browser still honours inside a user gesture. Resolves false when neither way was allowed
 * (the dialog keeps the text selected in view, so the user can still copy it by hand).
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  const clipboard = doc.defaultView?.isSecureContext ? doc.defaultView.navigator.clipboard : undefined;
  if (clipboard) {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused or no focus: try the selection way below.
    }
  }
  return copyBySelection(text, doc);
}

function copyBySelection(text: string, doc: Document): boolean {
  const area = doc.createElement('textarea');
  area.value = text;
  area.readOnly = true;
  area.setAttribute('aria-hidden', 'true');
  area.style.position = 'fixed';
  area.style.insetInlineStart = '-10000px';
  const active = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
  // Inside an open modal <dialog> the rest of the page is inert: the area must live in it.
  const host = active?.closest('dialog') ?? doc.body;
  host.append(area);
  area.select();
  let copied: boolean;
  try {
    // Deprecated, but the only clipboard access a page has outside a secure context.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    copied = doc.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  active?.focus();
  return copied;
}
