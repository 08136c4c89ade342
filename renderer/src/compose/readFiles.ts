// Files dropped or pasted into the composer, read in the page as base64 ('data'
// attachments): the renderer never gets a path, and main never reads a file it was not given.
import { classifyAttachment } from '../../../shared/attachment-risk.ts';
import type { AttachmentItem } from './draft.ts';

let counter = 0;
export const nextAttachmentId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

export async function readFiles(files: File[]): Promise<{ items: AttachmentItem[]; failed: string[] }> {
  const items: AttachmentItem[] = [];
  const failed: string[] = [];
  for (const file of files) {
    try {
      const base64 = await readBase64(file);
      const contentType = file.type || 'application/octet-stream';
      items.push({
        id: nextAttachmentId('data'),
        name: file.name,
        size: file.size,
        contentType,
        risky: classifyAttachment(file.name, contentType).risky,
        payload: { kind: 'data', name: file.name, contentType, base64 },
      });
    } catch {
      failed.push(file.name);
    }
  }
  return { items, failed };
}
