// Files the user picked in main's own open dialog, known to the renderer only by a token: a
// renderer cannot make main read a path it was not shown in a dialog (as for the handover files).
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { PickedAttachment } from '../../../shared/compose.ts';
import { classifyAttachment } from '../../../shared/attachment-risk.ts';
import { AppError } from '../errors/app-error.ts';
import { contentTypeFor } from './content-type.ts';

interface Picked extends PickedAttachment {
  path: string;
}

export class AttachmentTokens {
  private readonly picked = new Map<string, Picked>();

  async add(path: string): Promise<PickedAttachment> {
    const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
      throw new AppError('FILE_ERROR', `cannot read ${path} (${e.code ?? 'error'})`);
    });
    if (!info.isFile()) throw new AppError('FILE_ERROR', `${path} is not a file`);
    const name = basename(path).normalize('NFC');
    const contentType = contentTypeFor(name);
    const entry: Picked = {
      token: randomUUID(),
      name,
      size: info.size,
      contentType,
      risky: classifyAttachment(name, contentType).risky,
      path,
    };
    this.picked.set(entry.token, entry);
    return publicPart(entry);
  }

  /** The path behind a token; a token main never issued is refused. */
  path(token: string): { path: string; name: string; contentType: string } {
    const p = this.picked.get(token);
    if (!p)
      throw new AppError('FILE_ERROR', `unknown attachment token ${token}`, {
        messageVi: 'Tệp đính kèm không còn được chọn. Hãy chọn lại tệp.',
      });
    return { path: p.path, name: p.name, contentType: p.contentType };
  }
}

function publicPart(p: Picked): PickedAttachment {
  return { token: p.token, name: p.name, size: p.size, contentType: p.contentType, risky: p.risky };
}
