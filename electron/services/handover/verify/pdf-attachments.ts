// The files embedded in a PDF (its EmbeddedFiles name tree), read with pdfjs-dist: the record's
// PDF carries bien-ban.json and record-binding.json, and verification compares them with the bag.

/** Attached file name → content. Throws when the PDF cannot be parsed. */
export async function pdfAttachments(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs may detach the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const list = (await doc.getAttachments()) as Map<string, { filename: string }> | null;
    const out = new Map<string, Uint8Array>();
    for (const [id, a] of list ?? new Map<string, { filename: string }>()) {
      const content = (await doc.getAttachmentContent(id)) as Uint8Array | null;
      if (content) out.set(a.filename, content);
    }
    return out;
  } finally {
    await task.destroy();
  }
}
