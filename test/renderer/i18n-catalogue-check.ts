// The catalogue half of the i18n check (the sources half: test/support/i18n-source-check.ts):
// every key of every namespace in Vietnamese and English, the same shape, no empty string, the
// same {{variables}}, and each counted string with exactly the plural forms of its language
// (Intl.PluralRules: Vietnamese "other" only, English "one" and "other"). It takes the catalogues
// as data, so a test can feed it planted violations. Run by test/renderer/i18n-catalogues.test.ts.

type Catalogue = { readonly [key: string]: unknown };
export type Catalogues = Record<'vi' | 'en', Record<string, Catalogue>>;

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** "ns:a.b" → text, for every leaf; anything but text and nested objects is reported. */
function leaves(namespace: string, tree: Catalogue, problems: string[], prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}${key}`;
    if (typeof value === 'string') out.set(`${namespace}:${path}`, value);
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of leaves(namespace, value as Catalogue, problems, `${path}.`)) out.set(k, v);
    } else problems.push(`${namespace}:${path}: not text (${typeof value})`);
  }
  return out;
}

/** The {{variables}} of a string, without their format ("{{count, number}}" → count). */
export function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^,}\s]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1] ?? ''))].sort();
}

interface Entry {
  /** Plural form → text; '' for a string without plural forms. */
  forms: Map<string, string>;
}

function entries(strings: Map<string, string>): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const [key, text] of strings) {
    const form = PLURAL.exec(key)?.[1] ?? '';
    const base = form ? key.slice(0, -form.length - 1) : key;
    const entry = out.get(base) ?? { forms: new Map<string, string>() };
    entry.forms.set(form, text);
    out.set(base, entry);
  }
  return out;
}

function pluralForms(language: string): string[] {
  return [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
}

function checkEntry(key: string, language: string, entry: Entry, variables: string[], problems: string[]): void {
  const forms = [...entry.forms.keys()].sort();
  const plural = forms.some((f) => f !== '');
  if (plural && forms.join() !== pluralForms(language).join()) {
    problems.push(`${language} ${key}: plural forms ${forms.join(', ')}; ${language} needs ${pluralForms(language)}`);
  }
  for (const [form, text] of entry.forms) {
    const name = form ? `${key}_${form}` : key;
    if (text.trim() === '') problems.push(`${language} ${name}: empty`);
    const own = variablesOf(text);
    if (own.join() !== variables.join()) {
      problems.push(`${language} ${name}: variables {${own.join(', ')}}, Vietnamese has {${variables.join(', ')}}`);
    }
  }
}

export function checkCatalogues(catalogues: Catalogues): string[] {
  const problems: string[] = [];
  const [vi, en] = (['vi', 'en'] as const).map((language) => {
    const strings = new Map<string, string>();
    for (const [namespace, tree] of Object.entries(catalogues[language])) {
      for (const [k, v] of leaves(namespace, tree, problems)) strings.set(k, v);
    }
    return entries(strings);
  }) as [Map<string, Entry>, Map<string, Entry>];
  for (const key of en.keys()) if (!vi.has(key)) problems.push(`en ${key}: not in the Vietnamese catalogue`);
  for (const [key, entry] of vi) {
    const variables = variablesOf([...entry.forms.values()][0] ?? '');
    checkEntry(key, 'vi', entry, variables, problems);
    const english = en.get(key);
    if (english) checkEntry(key, 'en', english, variables, problems);
    else problems.push(`en ${key}: missing`);
  }
  return problems;
}
