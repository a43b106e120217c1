/**
 * CSV that spreadsheets open correctly and safely: UTF-8 with a byte-order mark (so Excel
 * reads accents), CRLF line ends, quotes where needed, and any cell a spreadsheet would take
 * as a formula (= + - @, tab, carriage return) made plain text with a leading apostrophe.
 */
export function toCsv(rows: Array<Array<string | number>>): string {
  const cell = (value: string | number): string => {
    let s = String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\ufeff' + rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
