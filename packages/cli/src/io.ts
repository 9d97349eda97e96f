// The CLI's exit codes (spec §7) and its output streams, passed to each command so that tests
// can capture them.

export const EXIT = { ok: 0, plan: 1, data: 2, evaluation: 3, usage: 64 } as const;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** A usage error: printed with the command's help hint, exit 64. */
export class UsageError extends Error {}
