/**
 * What an attachment link may be in the workspace. A provider or a customer
 * chooses these URLs, so only web links and the inbox's own paths are ever
 * put in an href: never `javascript:`, `data:`, `geo:` or a protocol-relative
 * `//host` (which would leave the inbox).
 */
export type AttachmentLink =
  /** Bytes the inbox keeps (email attachments): fetched with the staff token and saved as a file. */
  | { kind: 'inbox'; path: string }
  /** A provider's web address (a media URL): opened in a new tab, without our origin as referrer. */
  | { kind: 'web'; href: string }
  /** Anything else: shown as text, never as a link. */
  | { kind: 'none' };

const INBOX_ATTACHMENT = /^\/api\/attachments\/[0-9a-f-]{36}$/i;

export function attachmentLink(url: string | null | undefined): AttachmentLink {
  const value = (url ?? '').trim();
  if (INBOX_ATTACHMENT.test(value)) return { kind: 'inbox', path: value };
  if (value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')) return { kind: 'web', href: value };
  try {
    const parsed = new URL(value);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return { kind: 'web', href: parsed.href };
  } catch {
    // not a URL at all
  }
  return { kind: 'none' };
}

/** Saves a fetched file under its own name, through a short-lived object URL (never rendered in our origin). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName, rel: 'noopener' });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
