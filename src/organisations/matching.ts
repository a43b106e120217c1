/**
 * How typed organisation names are compared. People write "Bristol City Council", "City of
 * Bristol", "bristol cc" or "BRISTOL": a key keeps only what tells councils apart, so each of
 * those meets the register's own spellings. The words dropped never distinguish one council from
 * another in the register (proved by the register's own test: no two councils share a key).
 */
const phrases: Array<[RegExp, string]> = [
  [/&|\+/g, ' and '],
  // Apostrophes join (King's Lynn → kings lynn); any other punctuation separates words.
  [/['’‘`]/g, ''],
  [/[^\p{L}\p{N}]+/gu, ' '],
];

// Words a council's name wears as title, not identity: "London Borough of", "City of", "Council"…
const titles = new Set([
  'the', 'of', 'council', 'councils', 'cc', 'city', 'county', 'borough', 'district', 'metropolitan', 'royal',
  'unitary', 'authority', 'corporation', 'mbc', 'bc', 'dc', 'lbc', 'lb', 'rbc', 'cbc', 'mdc',
  // and a company's: "Acme Ltd" and "ACME Limited" are one supplier to review.
  'ltd', 'limited', 'plc', 'llp', 'cic', 'inc',
]);
// "London Borough of Camden": the London of the title, not of a place called London.
const londonBorough = /\blondon borough\b|\blb of\b/g;

/** Lower case, no accents, "&" as "and", punctuation as spaces, single-spaced. */
export function plainText(text: string): string {
  let s = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  for (const [pattern, replacement] of phrases) s = s.replace(pattern, replacement);
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * The matching key of a typed organisation name: its plain text without the words of a
 * council's title. Text that is nothing but such words keeps them ("The Council" stays itself).
 */
export function organisationKey(text: string): string {
  const plain = plainText(text);
  const words = plain.replace(londonBorough, ' ').split(' ').filter((w) => w !== '' && !titles.has(w));
  return words.length > 0 ? words.join(' ') : plain;
}
