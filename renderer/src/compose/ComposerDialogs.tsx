// The questions the composer asks over itself: a risky file, state-secret markings, outside
// recipients, closing with something written, and the signature editor ("Chữ ký…").
import { CloseChoice } from './CloseChoice.tsx';
import { RiskyAttachmentConfirm } from './RiskyAttachmentConfirm.tsx';
import { SecretMarkingConfirm, OutsideDomainConfirm } from './SendProblems.tsx';
import { SignatureEditor } from './SignatureEditor.tsx';
import type { ComposerState } from './useComposerState.ts';

export function ComposerDialogs({ state, signatureAddress }: { state: ComposerState; signatureAddress: string }) {
  const { adder, sender, autosave } = state;
  const problem = sender.problem;
  return (
    <>
      {adder.pending.length > 0 && (
        <RiskyAttachmentConfirm items={adder.pending} onConfirm={adder.confirm} onCancel={adder.cancel} />
      )}
      {problem?.kind === 'secret' && (
        <SecretMarkingConfirm
          hits={problem.hits}
          onConfirm={() => {
            sender.dismiss();
            void sender.send(problem.draft, { ...problem.confirmed, secret: true });
          }}
          onCancel={sender.dismiss}
        />
      )}
      {problem?.kind === 'outside' && (
        <OutsideDomainConfirm
          addresses={problem.addresses}
          onConfirm={() => {
            sender.dismiss();
            void sender.send(problem.draft, { ...problem.confirmed, outside: true });
          }}
          onCancel={sender.dismiss}
        />
      )}
      {state.asking && (
        <CloseChoice
          saving={autosave.saving}
          onSave={() => void state.saveAndClose()}
          onDiscard={() => void state.discard()}
          onKeep={() => state.setAsking(false)}
        />
      )}
      {state.editingSignature && (
        <SignatureEditor
          address={signatureAddress}
          onSaved={(signature) => {
            state.setEditingSignature(false);
            state.signature.swap(signature);
          }}
          onClose={() => state.setEditingSignature(false)}
        />
      )}
    </>
  );
}
