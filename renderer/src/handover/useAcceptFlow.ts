// The steps of accepting a handover package: choose the bag, verify it,
// accept it into an account (e-mail given by the user), and put back the
// messages missing from the live mailbox. One step at a time; each one's
// progress comes from handover.progress events.
import { useState } from 'react';
import type { AcceptResult, PackageDiff } from '../../../shared/handover-accept.ts';
import type { HandoverProgressEvent } from '../../../shared/contract-handover.ts';
import type { VerifyReport } from '../../../shared/handover.ts';
import { invoke, toUiError, type UiError } from '../api.ts';
import type { Restore } from './AcceptedView.tsx';
import type { BagChoice } from './BagPicker.tsx';
import { type ExpectedSigner, useExpectedSigner } from './ExpectedSignerField.tsx';
import { useJobProgress } from './useJobProgress.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type Step =
  | { status: 'choose' }
  | { status: 'verifying' }
  | { status: 'verified'; report: VerifyReport }
  | { status: 'verify-failed'; error: UiError }
  | { status: 'accepting'; report: VerifyReport }
  | { status: 'accept-failed'; report: VerifyReport; error: UiError }
  | { status: 'accepted'; result: AcceptResult };

export interface AcceptFlow {
  bag: BagChoice | null;
  choose(bag: BagChoice | null): void;
  /** The outgoing head's fingerprint, when the user has it: pins the signer for verify and accept. */
  expected: ExpectedSigner;
  step: Step;
  /** The verification report while the package is being (or failed to be) accepted. */
  report: VerifyReport | null;
  email: string;
  setEmail(email: string): void;
  /** Accept was tried: the e-mail's error shows. */
  emailTouched: boolean;
  emailOk: boolean;
  diff: PackageDiff | null;
  restore: Restore;
  busy: boolean;
  progress: Record<'verify' | 'accept' | 'restore', HandoverProgressEvent | null>;
  verify(): Promise<void>;
  accept(report: VerifyReport): Promise<void>;
  restoreMissing(accountId: string): Promise<void>;
}

export function useAcceptFlow(): AcceptFlow {
  const [bag, setBag] = useState<BagChoice | null>(null);
  const [step, setStep] = useState<Step>({ status: 'choose' });
  const [email, setEmail] = useState('');
  const [emailTouched, setEmailTouched] = useState(false);
  const [diff, setDiff] = useState<PackageDiff | null>(null);
  const [restore, setRestore] = useState<Restore>({ status: 'idle' });
  const [verifyProgress, resetVerify] = useJobProgress('verify');
  const [acceptProgress, resetAccept] = useJobProgress('accept');
  const [restoreProgress, resetRestore] = useJobProgress('restore');
  const emailOk = EMAIL.test(email.trim());
  const expected = useExpectedSigner();
  // What vouches for the signer: the CA chosen with the package, the fingerprint typed in.
  const trust = { ...(bag?.caPath ? { caPath: bag.caPath } : {}), ...expected.input };

  async function verify() {
    if (!bag || expected.invalid) return;
    resetVerify();
    setStep({ status: 'verifying' });
    try {
      const report = await invoke('handover.verify', { path: bag.path, ...trust });
      setStep({ status: 'verified', report });
    } catch (e) {
      setStep({ status: 'verify-failed', error: toUiError(e) });
    }
  }

  async function accept(report: VerifyReport) {
    setEmailTouched(true);
    if (!bag || !emailOk) return;
    resetAccept();
    setStep({ status: 'accepting', report });
    try {
      const result = await invoke('handover.accept', { path: bag.path, accountEmail: email.trim(), ...trust });
      setDiff(result.diff);
      setStep({ status: 'accepted', result });
    } catch (e) {
      setStep({ status: 'accept-failed', report, error: toUiError(e) });
    }
  }

  async function restoreMissing(accountId: string) {
    if (!bag) return;
    resetRestore();
    setRestore({ status: 'running' });
    try {
      const result = await invoke('handover.restore', { accountId, path: bag.path });
      setDiff(result.diff);
      setRestore({ status: 'done', restored: result.restored });
    } catch (e) {
      setRestore({ status: 'failed', error: toUiError(e) });
    }
  }

  const report =
    step.status === 'verified' || step.status === 'accepting' || step.status === 'accept-failed' ? step.report : null;
  return {
    bag,
    expected,
    step,
    report,
    email,
    setEmail,
    emailTouched,
    emailOk,
    diff,
    restore,
    choose: (value) => {
      setBag(value);
      setStep({ status: 'choose' });
    },
    busy: step.status === 'verifying' || step.status === 'accepting' || restore.status === 'running',
    progress: { verify: verifyProgress, accept: acceptProgress, restore: restoreProgress },
    verify,
    accept,
    restoreMissing,
  };
}
