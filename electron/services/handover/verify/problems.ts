import type { ProblemKind, VerifyProblem } from '../../../../shared/handover.ts';

/** Collects problems; caps repeats of one kind so a wholly corrupted bag still gives a readable report. */
export class Problems {
  readonly list: VerifyProblem[] = [];
  private readonly perKind = new Map<ProblemKind, number>();
  private readonly cap: number;

  constructor(cap = 1000) {
    this.cap = cap;
  }

  add(file: string, kind: ProblemKind, detail: string): void {
    // Several checks may find the same absent file; one line says it.
    if (kind === 'missing' && this.list.some((p) => p.kind === 'missing' && p.file === file)) return;
    const n = (this.perKind.get(kind) ?? 0) + 1;
    this.perKind.set(kind, n);
    if (n <= this.cap) this.list.push({ file, kind, detail });
    else if (n === this.cap + 1) this.list.push({ file: '', kind, detail: `more problems of kind ${kind} not listed` });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}
