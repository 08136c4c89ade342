// Every timer, listener, watcher or connection that outlives the call that
// started it has an owner: it is added to the owner's DisposableStore, and
// disposing the owner stops it. Modelled on VS Code's DisposableStore, with
// asynchronous disposal because closing a connection is.

/** Holds something until disposed. `dispose()` may finish asynchronously. */
export interface Disposable {
  dispose(): void | Promise<void>;
}

/** A Disposable running `fn` once, however often it is disposed (e.g. an unsubscribe function). */
export function toDisposable(fn: () => void | Promise<void>): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      return fn();
    },
  };
}

export class DisposableStore implements Disposable {
  private readonly items = new Set<Disposable>();
  private disposal: Promise<void> | null = null;

  get isDisposed(): boolean {
    return this.disposal !== null;
  }

  /**
   * Takes ownership of `item` and returns it. A store already disposed owns nothing
   * more: the item is disposed at once and add() throws, since the caller's owner is gone.
   */
  add<T extends Disposable>(item: T): T {
    if (this.disposal) {
      void Promise.resolve()
        .then(() => item.dispose())
        .catch(() => undefined);
      throw new Error('DisposableStore: add() after dispose()');
    }
    this.items.add(item);
    return item;
  }

  /** Gives `item` back without disposing it (its holder stopped it already). */
  delete(item: Disposable): boolean {
    return this.items.delete(item);
  }

  /**
   * Disposes everything once, newest first, each after the previous one finished; an error
   * does not stop the others. Rejects with the error, or an AggregateError of all of them.
   * Later calls return the same promise.
   */
  dispose(): Promise<void> {
    this.disposal ??= this.disposeAll();
    return this.disposal;
  }

  private async disposeAll(): Promise<void> {
    const items = [...this.items].reverse();
    this.items.clear();
    const errors: unknown[] = [];
    for (const item of items) {
      try {
        await item.dispose();
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} resources failed to dispose`);
  }
}
