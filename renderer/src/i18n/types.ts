// The types of the catalogues. Keys are typed against the Vietnamese catalogue
// (the primary language); an English catalogue has the same shape, except that
// a counted string has one plural form per language: Vietnamese only `_other`,
// English `_one` and `_other` (i18next picks the form from `count`).

/** The English (or any other) catalogue of a Vietnamese one: every key, every plural form. */
export type Translation<T> = {
  [K in keyof T as K extends `${infer Base}_other` ? `${Base}_one` | K : K]: T[K] extends string
    ? string
    : Translation<T[K]>;
};

/** "a.b.c" keys of a catalogue; a plural key is named without its suffix, as t() takes it. */
export type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${Prefix}${K extends `${infer Base}_other` ? Base : K}`
    : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Values interpolated into a string ({{name}}); `count` also picks the plural form. */
export type TValues = Record<string, string | number>;
