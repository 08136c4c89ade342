// Plain-text mail: React escapes the text; nothing is linkified, so a
// plain-text message can't carry a clickable disguised link either.
export function PlainTextBody({ text }: { text: string }) {
  return (
    <pre className="plain-body" data-testid="plain-body">
      {text}
    </pre>
  );
}
