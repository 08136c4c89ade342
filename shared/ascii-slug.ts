// ASCII names for files and folders made from Vietnamese text ("Chỉ đạo" → "chi-dao"):
// every file system, archive tool and manifest agrees on them.

/** Lower-case ASCII words joined by '-', without diacritics (đ → d); '' when nothing is left. */
export function asciiSlug(text: string, maxLength: number): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}
