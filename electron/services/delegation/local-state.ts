// What this computer remembers about each account's delegation, in the
// settings file (nothing secret): the last register head it wrote or saw
// (so a removed LAST record is noticed), the folders it has seen (so a folder
// created later gets the 'all'-scope grants), and scheduled grants it applied.
import { z } from 'zod';
import type { SettingsRepository } from '../settings/settings-repository.ts';

const accountStateSchema = z.object({
  head: z
    .object({ seq: z.number().int().min(1), sha256: z.string() })
    .nullable()
    .default(null),
  knownFolders: z.array(z.string()).nullable().default(null),
  activatedSeqs: z.array(z.number().int()).default([]),
});
export type DelegationLocalState = z.infer<typeof accountStateSchema>;

const stateSchema = z.record(z.string(), accountStateSchema);
const NAME = 'delegation';

export function loadLocalState(settings: SettingsRepository, accountId: string): DelegationLocalState {
  return settings.serviceState(NAME, stateSchema)?.[accountId] ?? accountStateSchema.parse({});
}

export function saveLocalState(
  settings: SettingsRepository,
  accountId: string,
  patch: Partial<DelegationLocalState>,
): DelegationLocalState {
  const all = settings.serviceState(NAME, stateSchema) ?? {};
  const next = { ...(all[accountId] ?? accountStateSchema.parse({})), ...patch };
  settings.saveServiceState(NAME, { ...all, [accountId]: next });
  return next;
}
