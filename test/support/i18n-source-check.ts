// The sources half of the i18n check (the catalogue half: test/renderer/i18n-catalogue-check.ts):
// no Vietnamese text hard-coded in renderer/src outside the catalogues, i.e. no string literal,
// template text or JSX text with a Vietnamese letter (comments are not read). A literal that is
// data rather than words for the user (a server's folder name to recognise) says so with an
// `i18n-exempt: <why>` comment on its line or the line above. It takes a file's text as data, so a
// test can feed it planted violations. Run by test/unit/i18n-sources.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;

/** "file:line: text" for each piece of Vietnamese text in a source file's code (not its comments). */
export function hardCodedVietnamese(fileName: string, source: string): string[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const lines = source.split('\n');
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const text =
      ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node) ? node.text : null;
    if (text !== null && VIETNAMESE.test(text.normalize('NFC'))) {
      const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const exempt = [lines[line], lines[line - 1]].some((l) => l?.includes('i18n-exempt:'));
      if (!exempt) found.push(`${fileName}:${line + 1}: ${text.trim()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The renderer's .ts/.tsx files (relative to `root`) whose text must come from a catalogue. */
export function rendererSources(root: string): string[] {
  const base = join(root, 'renderer/src');
  const catalogues = ['i18n/vi/', 'i18n/en/'];
  const files = readdirSync(base, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts') && !catalogues.some((c) => f.startsWith(c)));
  return files.map((f) => relative(root, join(base, f))).sort();
}

export function checkSources(root: string, files = rendererSources(root)): string[] {
  return files.flatMap((file) => hardCodedVietnamese(file, readFileSync(join(root, file), 'utf8')));
}
