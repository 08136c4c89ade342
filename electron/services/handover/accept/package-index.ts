// Reads a verified bag's indexes (data/index/folders.json, messages.jsonl) into what the
// comparison and the restore need. The bag was verified first, so the indexes agree with
// the files; a read error here still names the file.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { BAG_FILES } from '../bag/bag-layout.ts';

export interface PackageFolder {
  id: string;
  path: string;
  delimiter: string;
  selectable: boolean;
  uidValidity: string | null;
  messages: number;
}

export interface PackageMessage {
  uid: number;
  size: number;
  flags: string[];
  keywords: string[];
  internalDate: string;
  messageId: string;
  /** Bag-relative path of the .eml. */
  file: string;
}

export interface PackageIndex {
  folders: PackageFolder[];
  messagesByFolder: Map<string, PackageMessage[]>;
  /** bag-info.txt External-Identifier, when present. */
  externalIdentifier: string | null;
}

const folderSchema = z.object({
  id: z.string(),
  name: z.string(),
  delimiter: z.string(),
  selectable: z.boolean(),
  uidValidity: z.string().nullable(),
  messages: z.number(),
});
const rowSchema = z.object({
  folder_id: z.string(),
  uid: z.number(),
  flags: z.array(z.string()),
  keywords: z.array(z.string()),
  internaldate: z.string(),
  size: z.number(),
  message_id: z.string(),
  path: z.string(),
});

const invalid = (file: string, detail: string) =>
  new AppError('PACKAGE_INVALID', `${file}: ${detail}`, { data: { file } });

export async function readPackageIndex(bagDir: string): Promise<PackageIndex> {
  let folders: PackageFolder[];
  try {
    const raw = z.array(folderSchema).parse(JSON.parse(await readFile(join(bagDir, BAG_FILES.foldersJson), 'utf8')));
    folders = raw.map((f) => ({
      id: f.id,
      path: f.name,
      delimiter: f.delimiter,
      selectable: f.selectable,
      uidValidity: f.uidValidity,
      messages: f.messages,
    }));
  } catch (e) {
    throw invalid(BAG_FILES.foldersJson, e instanceof Error ? e.message.slice(0, 300) : 'unreadable');
  }
  const messagesByFolder = new Map<string, PackageMessage[]>();
  const lines = createInterface({
    input: createReadStream(join(bagDir, BAG_FILES.messagesJsonl)),
    crlfDelay: Infinity,
  });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    const parsed = rowSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw invalid(BAG_FILES.messagesJsonl, `line ${n} is not an index row`);
    const r = parsed.data;
    const list = messagesByFolder.get(r.folder_id) ?? [];
    list.push({
      uid: r.uid,
      size: r.size,
      flags: r.flags,
      keywords: r.keywords,
      internalDate: r.internaldate,
      messageId: r.message_id,
      file: r.path,
    });
    messagesByFolder.set(r.folder_id, list);
  }
  const bagInfo = await readFile(join(bagDir, BAG_FILES.bagInfo), 'utf8').catch(() => '');
  const externalIdentifier = /^External-Identifier:\s*(.+)$/m.exec(bagInfo)?.[1]?.trim() ?? null;
  return { folders, messagesByFolder, externalIdentifier };
}
