// The ```ts blocks of the guides (README.md and docs/*.md), shared by the runner
// (test/docs/examples.test.ts) and the type-check (scripts/check-doc-programs.ts), so both agree on
// what a block is. Each block is a complete program, except one fenced ```ts fragment: a piece
// shown for reading (a signature, a skeleton), neither compiled nor run.
import { readdirSync, readFileSync } from 'node:fs';

/** One ```ts block of a guide. */
export interface GuideBlock {
  /** The guide, relative to the repository root: `README.md` or `docs/<name>.md`. */
  readonly path: string;
  /** The line of the guide that holds the block's first line of code (1-based). */
  readonly line: number;
  readonly code: string;
  /** Fenced ```ts fragment: for reading only. */
  readonly fragment: boolean;
}

/** The modules a guide's program may import. */
export const GUIDE_MODULES: readonly string[] = ['crm-kit', 'crm-kit/csv', 'crm-kit/memory', 'crm-kit/postgres', 'crm-kit/testing', '@electric-sql/pglite', 'pg', 'fast-check', 'vitest'];

const ROOT = new URL('../../', import.meta.url);
const FENCE = /^```ts([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;

/** The guides, relative to the repository root. */
export function guidePaths(): string[] {
  const docs = readdirSync(new URL('docs/', ROOT)).filter((file) => file.endsWith('.md'));
  return ['README.md', ...docs.map((file) => `docs/${file}`)].sort();
}

/** Every ```ts block of one guide; an info string other than `ts` or `ts fragment` is an error. */
export function guideBlocks(path: string): GuideBlock[] {
  const text = readFileSync(new URL(path, ROOT), 'utf8');
  const blocks = [...text.matchAll(FENCE)];
  // An indented or unclosed fence would otherwise be skipped without a word.
  if (blocks.length !== (text.match(/^[ \t>]*```ts/gm) ?? []).length) throw new Error(`${path}: a \`\`\`ts fence that is not at the start of a line, or not closed`);
  return blocks.map((match) => {
    const [, info = '', code = ''] = match;
    const line = text.slice(0, match.index).split('\n').length + 1;
    const marker = info.trim();
    if (marker !== '' && marker !== 'fragment') throw new Error(`${path}:${line - 1}: unknown marker "ts ${marker}" (only "ts fragment")`);
    return { path, line, code, fragment: marker === 'fragment' };
  });
}
