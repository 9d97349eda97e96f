// The CLI's exit codes (spec §7) and its output streams, passed to each command so that tests
// can capture them. What goes to a terminal is made safe to show: data may hold control
// characters (a payee id with `ESC ]0;…` retitles the window, `ESC [2K` or a carriage return
// overwrites a line, `ESC [8m` hides one), so on a terminal they are shown as visible symbols
// instead of run. Output to a file or a pipe is left exact: JSON escapes them, CSV keeps the data.

export const EXIT = { ok: 0, plan: 1, data: 2, evaluation: 3, usage: 64 } as const;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

interface Stream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Writes whole lines to `stream`, through terminalSafe when it is a terminal. */
export function writerFor(stream: Stream): (text: string) => void {
  return (text) => {
    const line = text.endsWith('\n') ? text : `${text}\n`;
    stream.write(stream.isTTY ? terminalSafe(line) : line);
  };
}

export const processIo: Io = {
  out: (text) => writerFor(process.stdout)(text),
  err: (text) => writerFor(process.stderr)(text),
};

/** The colour codes paint.ts writes (reset, bold, dim, red, green, yellow, blue): the only escapes let through. */
const PAINT = /^\u001b\[(?:0|1|2|3[1-4])m/;

// C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides and isolates.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text with every control character shown as a symbol (␛, ␍, <U+202E>) except line ends, tabs and paint's colours. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c, offset: number) => {
    if (c === '\r' && text[offset + 1] === '\n') return c;
    if (c === '\u001b' && PAINT.test(text.slice(offset, offset + 5))) return c;
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

/** A usage error: printed with the command's help hint, exit 64. */
export class UsageError extends Error {}
