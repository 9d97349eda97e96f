// Incremental parsing for the editor: the same result as the core's `parse(text)`, but only the
// declarations an edit touched are parsed again. The text is cut before every top-level
// declaration keyword that starts a line outside brackets, comments and strings; each piece is
// parsed alone with the core's `parse` (results cached by the piece's text), shifted to its
// offset, and the pieces are joined. A piece whose parse has errors at its end is parsed again
// together with the pieces after it (so the parser sees the same following tokens as in the
// whole file), and doc comments are looked up over the whole file, so the joined result is the
// whole-file parse; a property test (packages/language-server/test) holds the two equal.
// Pipeline: text → **pieces → parse (core) → shift and join** → check (core).
import { docCommentLookup, parse, sortDiagnostics, type Comment, type Declaration, type Diagnostic, type ParseResult, type Span } from '@incent/language';

/** Parse results of pieces, by their text; kept between edits of one document. */
export interface ParseCache {
  entries: Map<string, CachedPiece>;
}

interface CachedPiece {
  readonly parsed: ParseResult;
  /** The last shifted copy, reused while the piece stays at the same offset. */
  shifted?: { readonly offset: number; readonly declarations: Declaration[]; readonly diagnostics: Diagnostic[]; readonly comments: Comment[] };
}

export function createParseCache(): ParseCache {
  return { entries: new Map() };
}

const DECLARATION_START = /^(?:plan|enum|input|let|measure|metric|commission|bonus|spiff|clawback|draw|reward)(?![A-Za-z0-9_])/;

/** Offsets where a top-level declaration keyword starts a line outside brackets, comments and strings. */
export function declarationStarts(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let lineStart = true;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (lineStart && depth === 0 && ch >= 97 && ch <= 122 && DECLARATION_START.test(text.slice(i, i + 12)) && i > 0) starts.push(i);
    lineStart = false;
    switch (ch) {
      case 10: // \n
        lineStart = true;
        break;
      case 47: // '/'
        if (text.charCodeAt(i + 1) === 47) {
          const end = text.indexOf('\n', i);
          if (end < 0) return starts;
          i = end - 1;
        } else if (text.charCodeAt(i + 1) === 42) {
          const end = text.indexOf('*/', i + 2);
          if (end < 0) return starts;
          i = end + 1;
        }
        break;
      case 34: { // '"': to the closing quote or the end of the line
        let j = i + 1;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 34 || c === 10 || c === 13) break;
          j += c === 92 && j + 1 < n && text.charCodeAt(j + 1) !== 10 && text.charCodeAt(j + 1) !== 13 ? 2 : 1;
        }
        i = j < n && text.charCodeAt(j) === 34 ? j : j - 1;
        break;
      }
      case 40: case 123: depth++; break; // ( {
      case 41: case 125: if (depth > 0) depth--; break; // ) }
      default: break;
    }
  }
  return starts;
}

/** Parses `text` as `parse(text)` would, reusing the parses of unchanged pieces from `cache`. */
export function parseIncrementally(text: string, cache: ParseCache): ParseResult {
  const cuts = [0, ...declarationStarts(text), text.length];
  const pieces: { start: number; end: number }[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) if (cuts[i + 1]! > cuts[i]! || pieces.length === 0) pieces.push({ start: cuts[i]!, end: cuts[i + 1]! });
  const used = new Map<string, CachedPiece>();
  const declarations: Declaration[] = [];
  const diagnostics: Diagnostic[] = [];
  const comments: Comment[] = [];
  let i = 0;
  while (i < pieces.length) {
    // grow the unit while its last piece is not cleanly parsed from the top level
    let j = i;
    let unit: CachedPiece;
    let start: number;
    for (;;) {
      start = pieces[i]!.start;
      const end = pieces[j]!.end;
      unit = lookup(text.slice(start, end), cache, used);
      if (j + 1 >= pieces.length || settled(unit.parsed, pieces[j]!.start - start)) break;
      j++;
    }
    if (unit.parsed.diagnostics.some((d) => d.code === 'E007' || (d.code === 'E006' && d.span.start === 0 && d.message.startsWith('the file')))) {
      return parse(text); // the parser failed inside a piece: let it fail on the whole text
    }
    const shifted = shiftedCopy(unit, start);
    declarations.push(...shifted.declarations);
    diagnostics.push(...shifted.diagnostics);
    comments.push(...shifted.comments);
    i = j + 1;
  }
  cache.entries = used;
  const docAt = docCommentLookup(comments, text);
  const file = { kind: 'PlanFile' as const, declarations: declarations.map((d) => withDocs(d, docAt)), span: { start: 0, end: text.length } };
  return { file, diagnostics: sortDiagnostics(diagnostics), comments };
}

function lookup(pieceText: string, cache: ParseCache, used: Map<string, CachedPiece>): CachedPiece {
  let entry = used.get(pieceText) ?? cache.entries.get(pieceText);
  if (!entry) entry = { parsed: parse(pieceText) };
  used.set(pieceText, entry);
  return entry;
}

/** Did the parser leave the unit's last piece at the top level, with no error in it? */
function settled(parsed: ParseResult, lastPieceStart: number): boolean {
  if (lastPieceStart > 0 && !parsed.file.declarations.some((d) => d.span.start === lastPieceStart)) return false;
  return !parsed.diagnostics.some((d) => d.span.start > lastPieceStart || (lastPieceStart === 0 && d.span.start >= 0));
}

// ---------------------------------------------------------------- shifting

function shiftedCopy(entry: CachedPiece, offset: number): NonNullable<CachedPiece['shifted']> {
  if (entry.shifted && entry.shifted.offset === offset) return entry.shifted;
  const { parsed } = entry;
  const shifted = {
    offset,
    declarations: parsed.file.declarations.map((d) => shiftNode(d, offset) as Declaration),
    diagnostics: parsed.diagnostics.map((d) => shiftDiagnostic(d, offset)),
    comments: parsed.comments.map((c) => ({ ...c, span: shiftSpan(c.span, offset) })),
  };
  entry.shifted = shifted;
  return shifted;
}

function shiftSpan(span: Span, offset: number): Span {
  return offset === 0 ? span : { start: span.start + offset, end: span.end + offset };
}

function shiftNode(value: unknown, offset: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shiftNode(v, offset));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = (key === 'span' || key.endsWith('Span')) && isSpan(v) ? shiftSpan(v, offset) : shiftNode(v, offset);
  }
  return out;
}

function isSpan(v: unknown): v is Span {
  return typeof v === 'object' && v !== null && typeof (v as Span).start === 'number' && typeof (v as Span).end === 'number' && Object.keys(v).length === 2;
}

function shiftDiagnostic(d: Diagnostic, offset: number): Diagnostic {
  if (offset === 0) return d;
  return {
    ...d,
    span: shiftSpan(d.span, offset),
    ...(d.related ? { related: d.related.map((r) => ({ ...r, span: shiftSpan(r.span, offset) })) } : {}),
    ...(d.fixes ? { fixes: d.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, span: shiftSpan(e.span, offset) })) })) } : {}),
  };
}

/** Recomputes every `doc` over the whole file (a doc comment may sit in the piece before its declaration). */
function withDocs(node: unknown, docAt: (offset: number) => string | undefined): any {
  if (Array.isArray(node)) return node.map((n) => withDocs(n, docAt));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  if (!('doc' in record) && !('fields' in record) && !('lets' in record)) return node;
  const out: Record<string, unknown> = { ...record };
  if ('doc' in record) out.doc = docAt((record.span as Span).start);
  if ('fields' in record) out.fields = withDocs(record.fields, docAt);
  if ('lets' in record) out.lets = withDocs(record.lets, docAt);
  return out;
}
