/**
 * A word with the article English puts before it: "an organiser", "a helper", "an owner". By its
 * first letter, which is right for every word Campgrid puts here (roles, formats, features);
 * a word that breaks the rule ("a user", "an hour") is written out in full instead.
 */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}
