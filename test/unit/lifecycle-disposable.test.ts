import { describe, expect, it } from 'vitest';
import { DisposableStore, toDisposable } from '../../electron/services/lifecycle/disposable.ts';

describe('DisposableStore', () => {
  it('add() returns what it was given', () => {
    const store = new DisposableStore();
    const item = { dispose: () => undefined, name: 'timer' };
    expect(store.add(item)).toBe(item);
  });

  it('disposes everything in reverse order, each after the previous one finished', async () => {
    const store = new DisposableStore();
    const log: string[] = [];
    store.add(toDisposable(() => void log.push('caches')));
    store.add(
      toDisposable(async () => {
        log.push('connections: start');
        await Promise.resolve();
        log.push('connections: closed');
      }),
    );
    store.add(toDisposable(() => void log.push('timer')));
    await store.dispose();
    expect(log).toEqual(['timer', 'connections: start', 'connections: closed', 'caches']);
  });

  it('disposes once: a second dispose() returns the same promise and disposes nothing again', async () => {
    const store = new DisposableStore();
    let count = 0;
    store.add({ dispose: () => void count++ });
    const first = store.dispose();
    expect(store.dispose()).toBe(first);
    await first;
    await store.dispose();
    expect(count).toBe(1);
    expect(store.isDisposed).toBe(true);
  });

  it('an error does not stop the others; one error is rethrown as it is', async () => {
    const store = new DisposableStore();
    const log: string[] = [];
    const boom = new Error('socket refused to close');
    store.add(toDisposable(() => void log.push('a')));
    store.add(
      toDisposable(() => {
        throw boom;
      }),
    );
    store.add(toDisposable(() => void log.push('c')));
    await expect(store.dispose()).rejects.toBe(boom);
    expect(log).toEqual(['c', 'a']);
  });

  it('several errors are collected into one AggregateError', async () => {
    const store = new DisposableStore();
    const first = new Error('first');
    const second = new Error('second');
    store.add(
      toDisposable(async () => {
        throw first;
      }),
    );
    store.add(
      toDisposable(() => {
        throw second;
      }),
    );
    const error = await store.dispose().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toEqual([second, first]);
  });

  it('delete() gives an item back without disposing it', async () => {
    const store = new DisposableStore();
    let disposed = false;
    const item = store.add({ dispose: () => void (disposed = true) });
    expect(store.delete(item)).toBe(true);
    await store.dispose();
    expect(disposed).toBe(false);
  });

  it('after dispose() nothing new is owned: the newcomer is disposed at once and add() throws', async () => {
    const store = new DisposableStore();
    await store.dispose();
    let resolveDisposed!: () => void;
    const disposed = new Promise<void>((resolve) => (resolveDisposed = resolve));
    expect(() => store.add({ dispose: () => resolveDisposed() })).toThrow(/after dispose/);
    await disposed;
  });
});

describe('toDisposable', () => {
  it('runs its function once however often it is disposed', () => {
    let count = 0;
    const d = toDisposable(() => void count++);
    void d.dispose();
    void d.dispose();
    expect(count).toBe(1);
  });
});
