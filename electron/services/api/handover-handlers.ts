// Handlers of the handover part of the contract (shared/contract-handover.ts):
// the signing identity, and the handover package's export, verify, accept,
// compare and restore over HandoverService. Long jobs resolve at the end and
// report progress as 'handover.progress' events.
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type {
  DirectoryPurpose,
  FilePurpose,
  HandoverExportSummary,
  HandoverJob,
  HandoverProgressEvent,
  handoverContract,
} from '../../../shared/contract-handover.ts';
import type { HandoverProgress } from '../../../shared/handover.ts';
import type { AppServices } from '../app-services.ts';
import { asciiSlug } from '../../../shared/ascii-slug.ts';
import { AppError } from '../errors/app-error.ts';
import { fileError } from '../errors/file-error.ts';
import type { ExportResult } from '../handover/export/export-handover.ts';
import { certificateInfo, leafCertificate, requireComparedFingerprint } from '../identity/certificates.ts';
import type { HandlersFor } from './handler-types.ts';

const FILE_DIALOGS: Record<FilePurpose, { kind: 'certificate' | 'p12' | 'bag'; title: string }> = {
  'recipient-certificate': { kind: 'certificate', title: 'Chọn chứng thư số của người nhận bàn giao' },
  ca: { kind: 'certificate', title: 'Chọn chứng thư CA tin cậy' },
  p12: { kind: 'p12', title: 'Chọn tệp chứng thư số (.p12, .pfx)' },
  'bag-tar': { kind: 'bag', title: 'Chọn gói bàn giao (.tar)' },
};
const DIRECTORY_DIALOGS: Record<DirectoryPurpose, string> = {
  output: 'Chọn thư mục để lưu gói bàn giao',
  bag: 'Chọn thư mục gói bàn giao',
};

export function createHandoverHandlers(s: AppServices): HandlersFor<keyof typeof handoverContract> {
  const picked = new PickedPaths();
  /** The running export: only one at a time, since two would fight over the same mailbox and disk. */
  let running: AbortController | null = null;

  const progressOf =
    (job: HandoverJob) =>
    (p: HandoverProgress): void => {
      const event: HandoverProgressEvent = { ...p, job };
      s.events.emit('handover.progress', event);
    };
  const caPemOf = async (caPath: string | undefined): Promise<string | undefined> =>
    caPath === undefined ? undefined : readText(picked.require(caPath));

  return {
    'identity.current': async () => s.identity.current(),
    'identity.create': async (input) => s.identity.create(input),
    'identity.importP12': async ({ path, password }) =>
      s.identity.importP12(await readBytes(picked.require(path)), password),
    'identity.exportCertificate': async () => {
      const current = await s.identity.current();
      if (!current) throw new AppError('IDENTITY_MISSING', 'no identity to export');
      const path = await s.caps.dialogs.saveFile(certificateFileName(current.info.commonName), 'Lưu chứng thư số');
      if (!path) return { saved: false, path: null };
      await writeFile(path, await s.identity.certificatePem(), { flag: 'w' }).catch((e: unknown) => {
        throw fileError('write', path, e);
      });
      return { saved: true, path };
    },

    'handover.pickFile': async ({ purpose }) => {
      const { kind, title } = FILE_DIALOGS[purpose];
      const path = await s.caps.dialogs.pickFile(kind, title);
      return path ? { path: picked.add(path) } : null;
    },
    'handover.pickDirectory': async ({ purpose }) => {
      const path = await s.caps.dialogs.pickDirectory(DIRECTORY_DIALOGS[purpose]);
      return path ? { path: picked.add(path) } : null;
    },
    'handover.certificate': async ({ path }) => certificateInfo(leafCertificate(await readBytes(picked.require(path)))),
    'handover.pending': async ({ outDir, bagName }) => s.handover.pendingExport(join(picked.require(outDir), bagName)),

    'handover.export': async (req) => {
      if (running) {
        throw new AppError('VALIDATION', 'an export is already running', {
          messageVi: 'Đang xuất một gói bàn giao khác. Hãy đợi xong hoặc hủy trước khi bắt đầu lần mới.',
        });
      }
      const certificate = leafCertificate(await readBytes(picked.require(req.recipientCertificate)));
      // The user compared a fingerprint by phone; seal only to that very certificate.
      requireComparedFingerprint(certificate, req.recipientFingerprint, {
        detail: 'the recipient certificate file changed after it was compared',
        messageVi: 'Tệp chứng thư của người nhận đã thay đổi sau khi đối chiếu dấu vân tay. Hãy chọn và đối chiếu lại.',
      });
      const controller = new AbortController();
      running = controller;
      try {
        const result = await s.handover.export(
          {
            accountId: s.accounts.get(req.accountId).id,
            recipientCertificate: certificate,
            ...(req.witness ? { witness: req.witness } : {}),
            ...(req.place ? { place: req.place } : {}),
            outDir: join(picked.require(req.outDir), req.bagName),
            tar: req.tar,
          },
          { signal: controller.signal, onProgress: progressOf('export') },
        );
        return exportSummary(result);
      } catch (e) {
        // Whatever the abort interrupted, the user asked for it: say so, and that it can be resumed.
        if (controller.signal.aborted)
          throw new AppError('CANCELLED', 'export cancelled by the user; running it again resumes it', {
            messageVi: 'Đã hủy xuất gói bàn giao. Có thể tiếp tục: thư đã tải được giữ lại.',
            cause: e,
          });
        throw e;
      } finally {
        if (running === controller) running = null;
      }
    },
    'handover.cancel': async () => {
      const job = running;
      job?.abort();
      return { cancelled: job !== null };
    },
    'handover.verify': async ({ path, caPath, expectSigner }) => {
      const caPem = await caPemOf(caPath);
      return s.handover.verify(picked.require(path), {
        ...(caPem ? { caPem } : {}),
        ...(expectSigner ? { expectSigner } : {}),
        onProgress: progressOf('verify'),
      });
    },
    'handover.accept': async ({ path, accountEmail, caPath, expectSigner }) => {
      const caPem = await caPemOf(caPath);
      const result = await s.handover.accept(
        picked.require(path),
        { accountEmail, restore: false },
        { ...(caPem ? { caPem } : {}), ...(expectSigner ? { expectSigner } : {}), onProgress: progressOf('accept') },
      );
      s.events.emit('accounts.changed', { accounts: s.accounts.list() });
      return result;
    },
    'handover.packageMessages': async ({ path, folder, uids }) =>
      s.handover.packageMessages(picked.require(path), folder, uids),
    'handover.compare': async ({ accountId, path }) =>
      s.handover.diff(picked.require(path), s.accounts.get(accountId).id),
    'handover.restore': async ({ accountId, path }) => {
      const bag = picked.require(path);
      const id = s.accounts.get(accountId).id;
      const result = await s.handover.restore(bag, id, { onProgress: progressOf('restore') });
      // The restored messages show in the mail view after its next sync.
      void s.sync.start(id).catch(() => undefined);
      return { ...result, diff: await s.handover.diff(bag, id) };
    },
  };
}

function exportSummary(r: ExportResult): HandoverExportSummary {
  return {
    bagDir: r.bagDir,
    tarPath: r.tarPath ?? null,
    messages: r.messages,
    folders: r.record.folders.length,
    bytes: r.bytes,
    payloadOxum: r.payloadOxum,
    tagmanifestSha256: r.tagmanifestSha256,
    consistent: r.consistent,
    changes: r.changes,
    resumed: r.resumed,
    durationMs: r.durationMs,
  };
}

/** Paths main's dialogs returned in this session: the only ones the renderer may name. */
class PickedPaths {
  private readonly paths = new Set<string>();

  add(path: string): string {
    const full = resolve(path);
    this.paths.add(full);
    return full;
  }

  require(path: string): string {
    const full = resolve(path);
    if (!this.paths.has(full)) {
      throw new AppError('VALIDATION', `path was not chosen in a dialog: ${basename(full)}`, {
        messageVi: 'Hãy chọn lại tệp hoặc thư mục bằng nút “Chọn…”.',
      });
    }
    return full;
  }
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw fileError('read', path, e);
  }
}

async function readText(path: string): Promise<string> {
  return new TextDecoder().decode(await readBytes(path));
}

/** "chung-thu-nguyen-van-hung.pem": ASCII, so it survives every file system and mail client. */
function certificateFileName(commonName: string): string {
  const slug = asciiSlug(commonName, 60);
  return `chung-thu-${slug || 'so'}.pem`;
}
