// The text/plain part of a message, from the editor's document (ProseMirror JSON): what a
// reader without HTML sees must say the same thing. Quotes keep their "> " markers (nested
// ones "> > "), lists their bullets and numbers (continuation lines indented under the
// text), links their target ("text <url>"), hard breaks their line. Pure, so it runs in the
// Node tests; textToHtml goes the other way when plain-text mode is switched off.

/** A ProseMirror node as `editor.getJSON()` gives it. */
export interface DocNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  content?: DocNode[];
}

const linkOf = (node: DocNode): string | null => {
  const href = node.marks?.find((m) => m.type === 'link')?.attrs?.href;
  return typeof href === 'string' && href ? href : null;
};

/** Inline content: text runs (a link spanning several runs written once), hard breaks. */
function inlineText(nodes: DocNode[] = []): string {
  let out = '';
  let run = '';
  let runHref: string | null = null;
  const flush = () => {
    if (runHref !== null && run.trim() !== runHref && `mailto:${run.trim()}` !== runHref) {
      out += `${run} <${runHref}>`;
    } else out += run;
    run = '';
    runHref = null;
  };
  for (const node of nodes) {
    if (node.type === 'text') {
      const href = linkOf(node);
      if (href !== runHref) flush();
      runHref = href;
      run += node.text ?? '';
    } else {
      flush();
      if (node.type === 'hardBreak') out += '\n';
      else out += inlineText(node.content);
    }
  }
  flush();
  return out;
}

/** Every line of `text` behind `prefix`; an empty line keeps the marker without its space. */
function prefixLines(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? prefix.trimEnd() : `${prefix}${line}`))
    .join('\n');
}

function listText(node: DocNode, marker: (i: number) => string): string {
  return (node.content ?? [])
    .map((item, i) => {
      const mark = marker(i);
      const body = blocksText(item.content ?? [], '\n');
      const [first = '', ...rest] = body.split('\n');
      const indent = ' '.repeat(mark.length);
      return [mark + first, ...rest.map((line) => (line === '' ? '' : indent + line))].join('\n');
    })
    .join('\n');
}

function blockText(node: DocNode): string {
  switch (node.type) {
    case 'paragraph':
      // The signature block (signature.ts) gets the usual "-- " line above it in the text part.
      return node.attrs?.signature ? `-- \n${inlineText(node.content)}` : inlineText(node.content);
    case 'heading':
    case 'codeBlock':
      return inlineText(node.content);
    case 'blockquote':
      return prefixLines(blocksText(node.content ?? []), '> ');
    case 'bulletList':
      return listText(node, () => '- ');
    case 'orderedList': {
      const start = typeof node.attrs?.start === 'number' ? node.attrs.start : 1;
      return listText(node, (i) => `${start + i}. `);
    }
    case 'horizontalRule':
      return '----';
    default:
      return node.content ? blocksText(node.content) : (node.text ?? '');
  }
}

function blocksText(nodes: DocNode[], separator = '\n\n'): string {
  return nodes.map(blockText).join(separator);
}

/** The faithful text/plain part of an editor document. */
export function docToText(doc: DocNode): string {
  return (
    blocksText(doc.content ?? [])
      .split('\n')
      // Trailing spaces go, except the signature separator's ("-- ", RFC 3676).
      .map((line) => (line === '-- ' ? line : line.replace(/[ \t]+$/, '')))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+|\n+$/g, '')
  );
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Lines as paragraphs (a blank line ends one, a single newline is a line break). */
function paragraphs(lines: string[]): string {
  const out: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) out.push(`<p>${current.map(escapeHtml).join('<br>')}</p>`);
    current = [];
  };
  for (const line of lines) {
    if (line.trim() === '') flush();
    else current.push(line);
  }
  flush();
  return out.join('');
}

/**
 * Plain text as editor HTML: paragraphs, and lines starting with ">" as (nested) blockquotes,
 * so switching plain-text mode off keeps a quote a quote.
 */
export function textToHtml(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const quoted = (lines[i] ?? '').startsWith('>');
    const group: string[] = [];
    while (i < lines.length && (lines[i] ?? '').startsWith('>') === quoted) group.push(lines[i++] ?? '');
    out.push(
      quoted
        ? `<blockquote>${textToHtml(group.map((l) => l.replace(/^> ?/, '')).join('\n'))}</blockquote>`
        : paragraphs(group),
    );
  }
  return out.join('');
}

export { escapeHtml };
