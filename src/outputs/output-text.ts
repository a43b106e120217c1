/**
 * Notes are plain text: what was typed is what is shown, in a page, a feed, an export or a
 * plain-text email alike, and nothing typed can become markup. Web addresses starting with
 * http:// or https:// become links; blank lines start new paragraphs.
 */
const webAddress = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => entities[c]!);

function linked(text: string): string {
  let html = '';
  let at = 0;
  for (const match of text.matchAll(webAddress)) {
    html += escapeHtml(text.slice(at, match.index));
    const url = escapeHtml(match[0]);
    html += `<a class="govuk-link" href="${url}" rel="nofollow ugc">${url}</a>`;
    at = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(at));
}

/** Escaped HTML paragraphs of a note, its web addresses linked. */
export function outputTextHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p class="govuk-body">${p.split('\n').map(linked).join('<br>')}</p>`)
    .join('\n');
}
