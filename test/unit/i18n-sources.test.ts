// The i18n check's sources half (test/support/i18n-source-check.ts) on renderer/src, and proof
// that it fails on a planted hard-coded "Đã gửi". (The catalogue half, with a planted missing key:
// test/renderer/i18n-catalogues.test.ts.)
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSources, hardCodedVietnamese, rendererSources } from '../support/i18n-source-check.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('i18n sources', () => {
  it('have no Vietnamese text hard-coded in renderer/src outside the catalogues', () => {
    const files = rendererSources(root);
    // It does read the components, and not the catalogues.
    expect(files).toContain('renderer/src/firstrun/AccountForm.tsx');
    expect(files.some((f) => f.startsWith('renderer/src/i18n/vi/'))).toBe(false);
    expect(checkSources(root, files)).toEqual([]);
  });
});

describe('i18n source check on planted violations', () => {
  it('fails on "Đã gửi" hard-coded in JSX text, a string literal or a template, not in a comment', () => {
    const planted = [
      '// Đã gửi: a comment is not shown to anyone',
      'export const A = () => <p>Đã gửi</p>;',
      "export const b = 'Đã gửi';",
      'export const c = (n: number) => `${n} thư Đã gửi`;',
      '/* Đã gửi */ export const d = <input title="Đã gửi" />;',
      "export const e = 'Sent'; // Đã gửi",
    ].join('\n');
    expect(hardCodedVietnamese('renderer/src/Planted.tsx', planted)).toEqual([
      'renderer/src/Planted.tsx:2: Đã gửi',
      'renderer/src/Planted.tsx:3: Đã gửi',
      'renderer/src/Planted.tsx:4: thư Đã gửi',
      'renderer/src/Planted.tsx:5: Đã gửi',
    ]);
    // Decomposed diacritics are Vietnamese too.
    expect(hardCodedVietnamese('x.ts', `export const f = '${'Đã gửi'.normalize('NFD')}';`)).toHaveLength(1);
  });

  it('lets data that is not for the user through only when it says why', () => {
    const data =
      "const NAMES = {\n  // i18n-exempt: a server's folder name, matched, never shown\n  'thùng rác': 'trash',\n};";
    expect(hardCodedVietnamese('x.ts', data)).toEqual([]);
    expect(hardCodedVietnamese('x.ts', data.replace('i18n-exempt:', 'note:'))).toEqual(['x.ts:3: thùng rác']);
  });
});
