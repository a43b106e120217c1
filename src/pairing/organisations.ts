// Organisations are free text today. Two people are "from the same organisation" when their typed
// names come to the same key here; this is the one place to switch to an organisation id later.

// Words that say what kind of body it is rather than which one ("Leeds City Council" is "Leeds").
const kindWords = new Set(['the', 'of', 'council', 'city', 'county', 'borough', 'district', 'metropolitan', 'london', 'royal', 'ltd', 'limited']);

/** The form two spellings of one organisation share; '' when none was given (never "the same"). */
export function organisationKey(typed: string | null | undefined): string {
  const words = (typed ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  const named = words.filter((w) => !kindWords.has(w));
  return (named.length > 0 ? named : words).join(' ');
}

/** Whether two people are known to be from the same organisation. */
export function sameOrganisation(a: string, b: string): boolean {
  return a !== '' && a === b;
}
