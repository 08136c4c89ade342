// Handlers of the handover part of the contract (shared/contract-handover.ts).
import type { handoverContract } from '../../../shared/contract-handover.ts';
import type { AppServices } from '../app-services.ts';
import type { HandlersFor } from './handlers.ts';

export function createHandoverHandlers(_s: AppServices): HandlersFor<keyof typeof handoverContract> {
  return {};
}
