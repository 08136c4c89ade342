// The i18n check's catalogue half (i18n-catalogue-check.ts) on the real catalogues, and proof that
// it fails on planted violations: a key missing in English, an empty string, other variables, a
// missing plural form. (The sources half, with a planted "Đã gửi": test/unit/i18n-sources.test.ts.)
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en/index.ts';
import { vi } from '../../renderer/src/i18n/vi/index.ts';
import { checkCatalogues } from './i18n-catalogue-check.ts';

describe('i18n catalogues', () => {
  it('have every key of every namespace in Vietnamese and English, alike', () => {
    expect(Object.keys(vi).sort()).toEqual(['app', 'compose', 'delegation', 'handover', 'mail', 'receipts']);
    expect(checkCatalogues({ vi, en })).toEqual([]);
  });
});

describe('i18n catalogue check on planted violations', () => {
  const good = {
    vi: { mail: { sent: 'Đã gửi', count_other: '{{count}} thư' } },
    en: { mail: { sent: 'Sent', count_one: '{{count}} message', count_other: '{{count}} messages' } },
  };

  it('passes the planted catalogues before anything is broken', () => {
    expect(checkCatalogues(good)).toEqual([]);
  });

  it('fails on a key missing in English, and on one English has alone', () => {
    const { sent: _sent, ...withoutSent } = good.en.mail;
    expect(checkCatalogues({ vi: good.vi, en: { mail: withoutSent } })).toEqual(['en mail:sent: missing']);
    expect(checkCatalogues({ vi: good.vi, en: { mail: { ...good.en.mail, extra: 'Extra' } } })).toEqual([
      'en mail:extra: not in the Vietnamese catalogue',
    ]);
  });

  it('fails on an empty string, other variables, a missing plural form and a non-text value', () => {
    const problems = checkCatalogues({
      vi: { mail: { sent: ' ', count_other: '{{count}} thư', to: 'Gửi {{name}}', n: 3 } },
      en: { mail: { sent: 'Sent', count_other: '{{count}} messages', to: 'To {{who}}' } },
    });
    expect(problems).toEqual([
      'mail:n: not text (number)',
      'vi mail:sent: empty',
      'en mail:count: plural forms other; en needs one,other',
      'en mail:to: variables {who}, Vietnamese has {name}',
    ]);
  });
});
