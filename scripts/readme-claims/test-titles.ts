import ts from 'typescript';

/**
 * The titles of the tests and groups a jest file declares — `it`, `test`,
 * `describe`, with `.concurrent`, `.only`, `.skip`, `.each` — read from the
 * syntax tree, so a title in a comment or an ordinary string never counts.
 * Titles of `.each` tables keep their printf placeholders (`%s`); a template
 * literal's substitutions become placeholders too.
 */
export interface DeclaredTitle {
  title: string;
  kind: 'test' | 'group';
  /** Declared with `.skip` / `xit` / `xdescribe` / `.todo`: never runs, so it proves nothing. */
  skipped: boolean;
  /** A `.each` title with placeholders. */
  parameterised: boolean;
}

const TESTS = new Set(['it', 'test', 'xit', 'xtest', 'fit']);
const GROUPS = new Set(['describe', 'xdescribe', 'fdescribe']);

export function declaredTitles(fileName: string, source: string): DeclaredTitle[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const found: DeclaredTitle[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = calleeChain(node.expression);
      const [head, ...rest] = callee ?? [];
      const kind = head && TESTS.has(head) ? 'test' : head && GROUPS.has(head) ? 'group' : undefined;
      const title = node.arguments[0];
      const skipped = Boolean(head?.startsWith('x')) || rest.includes('skip') || rest.includes('todo');
      if (kind && title && (ts.isStringLiteral(title) || ts.isNoSubstitutionTemplateLiteral(title))) {
        found.push({ title: title.text, kind, skipped, parameterised: rest.includes('each') });
      } else if (kind && title && ts.isTemplateExpression(title)) {
        // `loses nothing across ${KILLS} kills`: each substitution matches any text, like a printf placeholder.
        const text = title.head.text + title.templateSpans.map((span) => `%s${span.literal.text}`).join('');
        found.push({ title: text, kind, skipped, parameterised: true });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** `test.concurrent` → ['test', 'concurrent']; `it.each([...])` → ['it', 'each']; anything else → undefined. */
function calleeChain(expression: ts.Expression): string[] | undefined {
  if (ts.isIdentifier(expression)) return [expression.text];
  if (ts.isPropertyAccessExpression(expression)) {
    const left = calleeChain(expression.expression);
    return left ? [...left, expression.name.text] : undefined;
  }
  // it.each(table)('title %s', …): the callee is itself a call.
  if (ts.isCallExpression(expression)) return calleeChain(expression.expression);
  return undefined;
}

/** Whether a declared title is the one a claim names (placeholders of `.each` titles match any text). */
export function titleMatches(declared: DeclaredTitle, wanted: string): boolean {
  if (!declared.parameterised) return declared.title === wanted;
  const pattern = declared.title
    .split(/(%[sdifjopc#%]|\$[A-Za-z_][\w.]*)/)
    .map((part, i) => (i % 2 === 1 ? (part === '%%' ? '%' : '.+?') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`).test(wanted) || declared.title === wanted;
}
