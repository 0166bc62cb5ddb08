import sanitizeHtml from 'sanitize-html';
import { MAX_OPEN_ELEMENTS, mayNestDeeperThan } from './html-text';

/** HTML bigger than this gets no formatted view (the text part stays whole). */
const MAX_SANITISED = 1_000_000;

/**
 * A customer's HTML mail made safe to show: no script, style sheet links,
 * forms, frames, event handlers or javascript: URLs — only the formatting
 * and tables mail clients write, inline styles, links (opened outside) and
 * images. Images keep `cid:` (inline parts, resolved by the workspace) and
 * http(s) sources (remote images, which the workspace blocks until the agent
 * allows them). The workspace also shows it in a sandboxed frame without
 * scripts, so a miss here still runs nothing.
 */
export function sanitizeEmailHtml(html: string): string {
  // Parsing is quadratic in the nesting depth: markup nested that deep gets no formatted view (its text part stays).
  if (html.length > MAX_SANITISED || mayNestDeeperThan(html, MAX_OPEN_ELEMENTS)) return '';
  const clean = sanitizeHtml(html, {
    allowedTags: [
      ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'style'),
      'img', 'font', 'center', 'span', 'u', 's', 'strike', 'small', 'big', 'col', 'colgroup', 'hr',
    ],
    allowedAttributes: {
      '*': ['style', 'align', 'valign', 'width', 'height', 'bgcolor', 'color', 'dir', 'lang', 'title', 'class'],
      a: ['href', 'name', 'title', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height', 'style'],
      font: ['face', 'size', 'color'],
      table: ['border', 'cellpadding', 'cellspacing', 'width', 'align', 'bgcolor', 'style'],
      td: ['colspan', 'rowspan', 'width', 'align', 'valign', 'bgcolor', 'style'],
      th: ['colspan', 'rowspan', 'width', 'align', 'valign', 'bgcolor', 'style'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
    allowProtocolRelative: false,
    // Links leave the frame in a new tab, never navigating the workspace.
    transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }) },
  });
  // Styles may not fetch anything: url() and expressions are dropped with their declaration.
  return stripStyleUrls(clean);
}

/** Drops CSS declarations that load something (url(…), expression(…), @import) from style attributes. */
function stripStyleUrls(html: string): string {
  return html.replace(/style="([^"]*)"/gi, (_all, css: string) => {
    const kept = css
      .split(';')
      .filter((declaration) => !/url\s*\(|expression\s*\(|@import|behavior\s*:/i.test(declaration.replace(/&[a-z]+;|&#\d+;/gi, '')))
      .join(';');
    return `style="${kept}"`;
  });
}

/** Remote images a sanitised HTML shows (http/https sources): the workspace blocks them until an agent allows them. */
export function countRemoteImages(html: string): number {
  return (html.match(/<img\b[^>]*\ssrc="https?:/gi) ?? []).length;
}
