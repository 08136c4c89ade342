// Worker-thread entry of the AttachmentTextPool (attachment-text.ts), run by piscina: the text
// layer of one PDF (pdfjs-dist) or the text of one DOCX (mammoth). The libraries load on the
// first task, so this module itself loads at once (see HashPool.close() for why that matters).
export interface AttachmentTextTask {
  kind: 'pdf' | 'docx';
  bytes: Uint8Array;
  /** Stop reading once this much text is in hand. */
  maxChars: number;
}

async function pdfText(bytes: Uint8Array, maxChars: number): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: bytes,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    let text = '';
    for (let i = 1; i <= doc.numPages && text.length < maxChars; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : ' ');
      }
      page.cleanup();
    }
    return text;
  } finally {
    await task.destroy();
  }
}

async function docxText(bytes: Uint8Array): Promise<string> {
  const mammoth = (await import('mammoth')).default;
  const result = await mammoth.extractRawText({
    buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  });
  return result.value;
}

export default async function extractText(task: AttachmentTextTask): Promise<string> {
  const text = task.kind === 'pdf' ? await pdfText(task.bytes, task.maxChars) : await docxText(task.bytes);
  return text.normalize('NFC').slice(0, task.maxChars);
}
