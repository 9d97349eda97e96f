// Terminal colours, on only when writing to a terminal and NO_COLOR is not set.

export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
}

const plain: Paint = { red: (s) => s, yellow: (s) => s, blue: (s) => s, bold: (s) => s, dim: (s) => s, green: (s) => s };

const ansi = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
const colour: Paint = { red: ansi(31), yellow: ansi(33), blue: ansi(34), bold: ansi(1), dim: ansi(2), green: ansi(32) };

export function paintFor(stream: NodeJS.WriteStream): Paint {
  return stream.isTTY && !process.env.NO_COLOR ? colour : plain;
}
