/** Money is whole pence everywhere; pounds exist only where people type or read them. */

const pounds = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** 150000 → "£1,500"; 150050 → "£1,500.50". */
export function formatPence(pence: number): string {
  const whole = Math.trunc(pence / 100);
  const rest = Math.abs(pence % 100);
  return `£${pounds.format(whole)}${rest ? `.${String(rest).padStart(2, '0')}` : ''}`;
}

/**
 * "1500", "1,500.50", "£1,500" → pence; null when it is not an amount of pounds written with
 * commas only between thousands and either no pence or exactly two digits of them.
 */
export function parsePounds(typed: string): number | null {
  const s = typed.trim().replace(/^£\s*/, '');
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?$/.exec(s);
  if (!m) return null;
  const whole = Number(m[1]!.replace(/,/g, ''));
  if (!Number.isSafeInteger(whole * 100)) return null;
  return whole * 100 + Number(m[2] ?? '0');
}

/** Pence as a form shows it for editing: "1500" or "1500.50". */
export function penceForForm(pence: number): string {
  const rest = pence % 100;
  return rest ? `${Math.trunc(pence / 100)}.${String(rest).padStart(2, '0')}` : String(pence / 100);
}
