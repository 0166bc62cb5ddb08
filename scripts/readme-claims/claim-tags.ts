import MarkdownIt from 'markdown-it';

/**
 * The claim tags of the project's Markdown (README.md, docs/**): a claim is
 * a paragraph, list item or table row; the HTML comment beside it names the
 * test that proves it. See docs/testing.md ("Claims and their tests").
 *
 *   <!-- claims: checked -->                    right under a heading: every block of that section (and its
 *                                               subsections) must carry a claim tag or a no-claim marker
 *   <!-- claim: <test file> <test title> -->    this block's claim is proven by that test (one tag per test)
 *   <!-- measured: <bench section> -->          a figure, measured by `npm run bench` (that section)
 *   <!-- no-claim: <why> -->                    not a behavioural claim (set-up steps, an overview…), with the reason
 */
export interface ClaimTag {
  kind: 'claim' | 'measured' | 'no-claim';
  /** claim: the test file; measured: the bench section; no-claim: the reason. */
  target: string;
  /** claim: the test's title. */
  title?: string;
  line: number;
}

export interface MarkdownBlock {
  file: string;
  /** 1-based lines of the block's first and last line. */
  line: number;
  endLine: number;
  /** The block's text, tags removed, for listings. */
  text: string;
  /** The headings above it, outermost first. */
  headings: string[];
  /** Inside a section marked `claims: checked`. */
  checked: boolean;
  tags: ClaimTag[];
  /** Tags that could not be read (a claim tag without a title, an unknown kind…). */
  malformed: Array<{ line: number; comment: string }>;
}

const COMMENT = /<!--([\s\S]*?)-->/g;
const CHECKED_MARKER = /^claims:\s*checked$/;

/** Reads every block of one Markdown file with its tags. */
export function readBlocks(file: string, source: string): MarkdownBlock[] {
  const lines = source.split('\n');
  const tokens = new MarkdownIt({ html: false }).parse(source, {});
  const blocks: MarkdownBlock[] = [];
  const headings: Array<{ level: number; text: string }> = [];
  let checkedLevel: number | null = null;
  let inTableBody = false;
  let previous: MarkdownBlock | null = null;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'heading_open') {
      const level = Number(token.tag.slice(1));
      while (headings.length && headings[headings.length - 1].level >= level) headings.pop();
      headings.push({ level, text: tokens[i + 1]?.content ?? '' });
      if (checkedLevel !== null && level <= checkedLevel) checkedLevel = null;
      previous = null;
      continue;
    }
    if (token.type === 'tbody_open') inTableBody = true;
    if (token.type === 'tbody_close') inTableBody = false;
    const isRow = token.type === 'tr_open' && inTableBody;
    if ((token.type !== 'paragraph_open' && !isRow) || !token.map) continue;

    const [start, end] = token.map;
    const raw = lines.slice(start, end).join('\n');
    // A tag quoted in inline code (documentation about tags) is text, not a tag.
    const { tags, malformed, markers } = readComments(raw.replace(/(`+)(?:(?!\1)[^])*?\1/g, (code) => code.replace(/<!--/g, '<!‐‐')), start + 1);
    // The block's words: no comments, no list or quote markers.
    const text = raw
      .replace(COMMENT, '')
      .replace(/^\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)])\s+)?/gm, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (text === '') {
      // A line of comments alone: the section marker, or tags that belong to the block just above.
      if (markers.includes('checked') && headings.length) checkedLevel = headings[headings.length - 1].level;
      if (previous) {
        previous.tags.push(...tags);
        previous.malformed.push(...malformed);
      }
      continue;
    }
    // An image alone (a screenshot) says nothing to test.
    if (/^!\[[^\]]*\]\([^)]*\)$/.test(text)) continue;
    previous = {
      file,
      line: start + 1,
      endLine: end,
      text,
      headings: headings.map((h) => h.text),
      checked: checkedLevel !== null,
      tags,
      malformed,
    };
    blocks.push(previous);
  }
  return blocks;
}

function readComments(raw: string, firstLine: number): { tags: ClaimTag[]; malformed: MarkdownBlock['malformed']; markers: string[] } {
  const tags: ClaimTag[] = [];
  const malformed: MarkdownBlock['malformed'] = [];
  const markers: string[] = [];
  for (const match of raw.matchAll(COMMENT)) {
    const body = match[1].replace(/\s+/g, ' ').trim();
    const line = firstLine + raw.slice(0, match.index).split('\n').length - 1;
    if (CHECKED_MARKER.test(body)) {
      markers.push('checked');
      continue;
    }
    // Other comments are the author's business; only ones that look like tags must be well formed.
    if (!/^(claims?|measured|no-claim)\b/.test(body)) continue;
    const tag = /^(claim|measured|no-claim):\s*(.*)$/.exec(body);
    const kind = tag?.[1] as ClaimTag['kind'] | undefined;
    const rest = tag?.[2].trim() ?? '';
    const [target, ...title] = rest.split(' ');
    if (kind === 'claim' && title.length > 0) tags.push({ kind, target, title: title.join(' '), line });
    else if (kind === 'measured' && target && title.length === 0) tags.push({ kind, target, line });
    else if (kind === 'no-claim') tags.push({ kind, target: rest, line });
    else malformed.push({ line, comment: match[0] });
  }
  return { tags, malformed, markers };
}
