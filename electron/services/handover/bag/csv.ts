// RFC 4180 CSV as Mailbag §5.5 wants it: every field quoted, "" inside quotes, CRLF record ends.

export function csvRow(fields: readonly (string | number | null)[]): string {
  return `${fields.map((f) => `"${String(f ?? '').replace(/"/g, '""')}"`).join(',')}\r\n`;
}

/** Parses RFC 4180 text (quoted or bare fields, CRLF or LF record ends). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      endField();
      rows.push(row);
      row = [];
      if (c === '\r' && text[i + 1] === '\n') i += 1;
    } else field += c;
    i += 1;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}
