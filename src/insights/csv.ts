/**
 * Rows as CSV (RFC 4180): a header from the first row's keys, fields quoted when they need it, formula
 * characters at the start of text defused for spreadsheets (OWASP CSV injection), CRLF line ends.
 */
export function toCsv(rows: readonly object[], columns: readonly string[] = rows[0] ? Object.keys(rows[0]) : []): string {
  const field = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [columns.map(field).join(','), ...rows.map((row) => columns.map((c) => field((row as Record<string, unknown>)[c])).join(','))].join('\r\n') + '\r\n';
}
