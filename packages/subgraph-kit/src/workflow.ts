import { DomainError, ErrorCode } from '@skills-sichuan/runtime';

/**
 * A status workflow: which moves are allowed from each status. A move it does not list
 * is refused with INVALID_TRANSITION, naming the moves that are allowed.
 */
export class Workflow<S extends string> {
  constructor(
    private readonly subject: string,
    private readonly moves: Record<S, readonly S[]>,
  ) {}

  canMove(from: S, to: S): boolean {
    return this.moves[from].includes(to);
  }

  /** Refuses a move the workflow does not list; `detail` joins the error's extensions (say, the action that asked for it). */
  assertMove(from: S, to: S, detail: Record<string, unknown> = {}): void {
    if (this.canMove(from, to)) return;
    const allowed = this.moves[from];
    throw new DomainError(
      ErrorCode.INVALID_TRANSITION,
      `a ${this.subject} that is ${from} cannot become ${to}${allowed.length ? `; it can become ${allowed.join(' or ')}` : '; it is final'}`,
      { ...detail, from, to },
    );
  }
}
