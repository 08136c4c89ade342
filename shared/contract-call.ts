// Building blocks of the IPC contract, shared by its per-capability parts.
import { z } from 'zod';

/** Phantom marker carrying a call's result type. */
export interface Call<I extends z.ZodType, R> {
  input: I;
  /** Never set at runtime; only carries R for the type checker. */
  readonly result?: R;
}

export function call<R>() {
  return <I extends z.ZodType>(input: I): Call<I, R> => ({ input });
}

export const accountRef = z.object({ accountId: z.string().min(1).max(200) });
export const folderRef = accountRef.extend({ folder: z.string().min(1).max(1000) });
