// Handlers of the delegation part of the contract (shared/contract-delegation.ts).
import type { delegationContract } from '../../../shared/contract-delegation.ts';
import type { AppServices } from '../app-services.ts';
import type { HandlersFor } from './handlers.ts';

export function createDelegationHandlers(_s: AppServices): HandlersFor<keyof typeof delegationContract> {
  return {};
}
