// "Đang tải…" with a spinner, announced to screen readers (role=status): what a pane shows
// before its first answer.
export function Busy({ text, testId }: { text: string; testId?: string }) {
  return (
    <div className="busy" role="status" data-testid={testId}>
      <span className="spinner" aria-hidden="true" />
      <span className="muted">{text}</span>
    </div>
  );
}
