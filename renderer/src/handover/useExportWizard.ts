// The export wizard's state: its fields in react-hook-form, judged by the
// contract (exportSchema.ts) in the render of each change; the interrupted
// export found where the bag would go; and the run itself with its progress.
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import type { AccountSummary } from '../../../shared/account.ts';
import type { HandoverExportSummary } from '../../../shared/contract-handover.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import { useFormValues } from '../forms/useFormValues.ts';
import {
  INITIAL_EXPORT,
  bagNameOf,
  chosenAccount,
  exportFormSchema,
  type ExportRequest,
  type ExportValues,
} from './exportSchema.ts';
import { useJobProgress } from './useJobProgress.ts';

export type ExportForm = UseFormReturn<ExportValues, unknown, ExportRequest>;

export type Run =
  | { status: 'form' }
  | { status: 'running'; cancelling: boolean }
  | { status: 'cancelled' }
  | { status: 'failed'; error: UiError }
  | { status: 'done'; result: HandoverExportSummary };

export function useExportForm(accounts: AccountSummary[], currentAccountId: string | null) {
  const schema = useMemo(
    () => exportFormSchema((accountId) => chosenAccount(accounts, currentAccountId, accountId)),
    [accounts, currentAccountId],
  );
  const form = useForm<ExportValues, unknown, ExportRequest>({
    resolver: zodResolver(schema),
    defaultValues: INITIAL_EXPORT,
  });
  const values = useFormValues(form.control);
  const account = chosenAccount(accounts, currentAccountId, values.accountId);
  // Judged in the render of each change: the start button and the name's hint follow at once.
  const parsed = schema.safeParse(values);
  const bagNameIssue = parsed.error?.issues.find((issue) => issue.path[0] === 'bagName');
  return {
    form,
    values,
    account,
    bagName: bagNameOf(values, account),
    bagNameProblem: bagNameIssue ? { type: bagNameIssue.code, message: bagNameIssue.message } : undefined,
    valid: parsed.success,
  };
}

/** An interrupted export in the chosen place (starting again resumes it), asked again after each run. */
export function usePendingExport(outDir: string | null, bagName: string | null, run: Run['status']) {
  const [pendingFor, setPendingFor] = useState<{ key: string; value: { messagesDone: number } | null } | null>(null);
  const key = outDir && bagName ? JSON.stringify([outDir, bagName, run]) : null;
  useEffect(() => {
    if (!key || !outDir || !bagName) return;
    let current = true;
    invoke('handover.pending', { outDir, bagName }).then(
      (value) => current && setPendingFor({ key, value }),
      () => current && setPendingFor({ key, value: null }),
    );
    return () => {
      current = false;
    };
  }, [key, outDir, bagName]);
  return key !== null && pendingFor?.key === key ? pendingFor.value : null;
}

export function useExportRun(form: ExportForm) {
  const [run, setRun] = useState<Run>({ status: 'form' });
  const [progress, resetProgress] = useJobProgress('export');
  const send = form.handleSubmit(async (request) => {
    resetProgress();
    setRun({ status: 'running', cancelling: false });
    try {
      setRun({ status: 'done', result: await invoke('handover.export', request) });
    } catch (e) {
      const error = toUiError(e);
      setRun(error.code === 'CANCELLED' ? { status: 'cancelled' } : { status: 'failed', error });
    }
  });
  return {
    run,
    progress,
    start: () => void send(),
    cancel: () => {
      setRun((r) => (r.status === 'running' ? { ...r, cancelling: true } : r));
      void invoke('handover.cancel', {}).catch(() => undefined);
    },
    again: () => setRun({ status: 'form' }),
  };
}
