/**
 * Diagnostics are data: every stage adds to one collector, and the CLI prints
 * them once at the end, grouped by file. Nothing here throws for bad content.
 */
import type { Diagnostic, Severity, SourceRef } from './model.js';

/** Collects diagnostics from every stage of one build. */
export class Diagnostics {
  private readonly items: Diagnostic[] = [];

  /** Records one diagnostic and returns it, so a caller can also attach it to a record. */
  add(code: string, severity: Severity, source: SourceRef, message: string, hint?: string): Diagnostic {
    const diagnostic: Diagnostic = { code, severity, message, source: { ...source } };
    if (hint) diagnostic.hint = hint;
    this.items.push(diagnostic);
    return diagnostic;
  }

  /** Records diagnostics produced elsewhere (a cached record's, say). */
  addAll(diagnostics: readonly Diagnostic[]): void {
    this.items.push(...diagnostics);
  }

  /** All diagnostics, sorted by file, line, column and code so output is deterministic. */
  list(): Diagnostic[] {
    return [...this.items].sort(compareDiagnostics);
  }

  /** How many diagnostics of a severity were recorded. */
  count(severity: Severity): number {
    return this.items.filter((d) => d.severity === severity).length;
  }
}

/** Orders diagnostics by path, line, column, code, message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.source.path, b.source.path) ||
    (a.source.line ?? 0) - (b.source.line ?? 0) ||
    (a.source.column ?? 0) - (b.source.column ?? 0) ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.message, b.message)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `path:line:col`, leaving out what is unknown. */
export function formatLocation(source: SourceRef): string {
  let text = source.path;
  if (source.line) text += `:${source.line}`;
  if (source.line && source.column) text += `:${source.column}`;
  return text;
}

/** Human-readable report: grouped by file, then a summary counting errors and warnings by code. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: { color?: boolean } = {}): string {
  const paint = (code: number, text: string) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of [...diagnostics].sort(compareDiagnostics)) {
    const list = byFile.get(d.source.path) ?? [];
    list.push(d);
    byFile.set(d.source.path, list);
  }
  const lines: string[] = [];
  for (const [path, list] of byFile) {
    lines.push(paint(1, path));
    for (const d of list) {
      const colour = d.severity === 'error' ? 31 : d.severity === 'warning' ? 33 : 36;
      lines.push(`  ${formatLocation(d.source)}  ${paint(colour, d.severity)}  ${d.message}  [${d.code}]`);
      if (d.hint) lines.push(`    hint: ${d.hint}`);
    }
  }
  lines.push(summarise(diagnostics));
  return lines.join('\n');
}

/** One line: `2 errors, 3 warnings, 1 info (ingest/empty-file ×2, …)`. */
export function summarise(diagnostics: readonly Diagnostic[]): string {
  const severities: Severity[] = ['error', 'warning', 'info'];
  const counts = severities.map((s) => {
    const n = diagnostics.filter((d) => d.severity === s).length;
    return `${n} ${s === 'info' ? 'info' : n === 1 ? s : `${s}s`}`;
  });
  const byCode = new Map<string, number>();
  for (const d of diagnostics) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
  const codes = [...byCode].sort(([a], [b]) => compareStrings(a, b)).map(([code, n]) => `${code} ×${n}`);
  return codes.length ? `${counts.join(', ')} (${codes.join(', ')})` : counts.join(', ');
}

/** Diagnostics in their published shape (`check --json`, the dev overlay), sorted. */
export function diagnosticsAsData(diagnostics: readonly Diagnostic[]) {
  return [...diagnostics].sort(compareDiagnostics).map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.hint ? { hint: d.hint } : {}),
    source: { path: d.source.path, line: d.source.line ?? null, column: d.source.column ?? null },
  }));
}

/** The JSON form `dossier check --json` prints. */
export function diagnosticsToJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(diagnosticsAsData(diagnostics), null, 2);
}
