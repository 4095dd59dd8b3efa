/** A reason the replay cannot start or go on, with the exit code it ends with. */
export class ReplayError extends Error {
  constructor(
    message: string,
    /** 2: cannot run at all (usage, server, sign-in, not a demo); 1: a step was refused. */
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}
