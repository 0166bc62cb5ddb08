import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import MarkdownIt from 'markdown-it';

/**
 * The links of the project's Markdown that point inside the repository — to a
 * file, an image, or a heading of a page — each checked to lead somewhere, so
 * content can move between README.md and docs/ without leaving dead links.
 * Links to other sites (`https:`, `mailto:`…) are not followed.
 */
export interface LinkProblem {
  file: string;
  line: number;
  href: string;
  reason: string;
}

const md = new MarkdownIt({ html: false });
type Token = ReturnType<typeof md.parse>[number];

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a page offers: its headings' slugs, numbered -1, -2… when a heading repeats, as GitHub does. */
export function headingAnchors(source: string): Set<string> {
  const tokens = md.parse(source, {});
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const text = (tokens[i + 1]?.children ?? []).filter((c) => c.type === 'text' || c.type === 'code_inline').map((c) => c.content).join('');
    const slug = headingSlug(text);
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  });
  return anchors;
}

export function checkLinks(root: string, files: string[]): LinkProblem[] {
  const anchorsOf = new Map<string, Set<string>>();
  const anchors = (file: string): Set<string> => {
    if (!anchorsOf.has(file)) anchorsOf.set(file, headingAnchors(readFileSync(join(root, file), 'utf8')));
    return anchorsOf.get(file)!;
  };
  const problems: LinkProblem[] = [];
  for (const file of files) {
    for (const { href, line } of linksIn(readFileSync(join(root, file), 'utf8'))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
      const [path, fragment] = splitHref(href);
      const target = path === '' ? file : normalize(join(dirname(file), decodeURIComponent(path)));
      if (target.startsWith('..')) {
        problems.push({ file, line, href, reason: 'leads outside the repository' });
        continue;
      }
      if (!existsSync(join(root, target))) {
        problems.push({ file, line, href, reason: `no file ${target}` });
        continue;
      }
      if (fragment !== undefined && target.endsWith('.md') && statSync(join(root, target)).isFile() && !anchors(target).has(fragment.toLowerCase())) {
        problems.push({ file, line, href, reason: `${target} has no heading #${fragment}` });
      }
    }
  }
  return problems;
}

function splitHref(href: string): [string, string | undefined] {
  const hash = href.indexOf('#');
  return hash < 0 ? [href, undefined] : [href.slice(0, hash), href.slice(hash + 1)];
}

/** Links and images with the 1-based line of the block they are in. */
function linksIn(source: string): Array<{ href: string; line: number }> {
  const found: Array<{ href: string; line: number }> = [];
  for (const token of md.parse(source, {})) {
    if (token.type !== 'inline' || !token.map) continue;
    const visit = (children: Token[]): void => {
      for (const child of children) {
        const href = child.type === 'link_open' ? child.attrGet('href') : child.type === 'image' ? child.attrGet('src') : null;
        if (href) found.push({ href: String(href), line: token.map![0] + 1 });
        if (child.children) visit(child.children);
      }
    };
    visit(token.children ?? []);
  }
  return found;
}
