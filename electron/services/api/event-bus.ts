import { EventEmitter } from 'node:events';
import type { EventMap, EventName } from '../../../shared/contract.ts';

/** Service-side events of the contract; main forwards them to windows, the test bridge to the page. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.emitter.emit(event, payload);
  }

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}
