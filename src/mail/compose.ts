import { join } from 'node:path';
import { Eta } from 'eta';
import { viewsDir } from '../paths.ts';

const emailViews = join(viewsDir, 'emails');
const htmlEta = new Eta({ views: emailViews, cache: true, autoEscape: true });
// Plain-text parts must not be HTML-escaped: "Tom & Jerry" stays as typed. Their line breaks are
// the text's own, so Eta must not trim the newline after a tag (it would run blocks together);
// the blank lines that tags alone on a line leave are folded by plainText.
const textEta = new Eta({ views: emailViews, cache: true, autoEscape: false, autoTrim: false });

/** A plain-text part as a reader sees it: no trailing spaces, blocks one blank line apart. */
const plainText = (text: string): string => text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim() + '\n';

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

type Compiled = { template: ReturnType<Eta['compile']>; filepath: string };
const compiled = new Map<Eta, Map<string, Compiled>>([
  [htmlEta, new Map()],
  [textEta, new Map()],
]);

/**
 * Renders one email template, read and compiled once. (Eta's own cache also keeps compiled
 * templates, but finds them by resolving the file's path again on every render, which cost
 * more than the rendering.)
 */
function render(eta: Eta, name: string, it: Record<string, unknown>): string {
  const templates = compiled.get(eta)!;
  let found = templates.get(name);
  if (!found) {
    const filepath = eta.resolvePath!(name);
    found = { template: eta.compile(eta.readFile!(filepath)), filepath };
    templates.set(name, found);
  }
  return eta.render(found.template, it, { filepath: found.filepath });
}

/**
 * Renders views/emails/<template>.text.eta and .html.eta. Synchronous on purpose: mail is
 * composed inside the transaction that queues it.
 */
export function composeMail(template: string, subject: string, data: Record<string, unknown>): ComposedMail {
  const it = { ...data, subject };
  return {
    subject,
    text: plainText(render(textEta, `./${template}.text.eta`, it)),
    html: render(htmlEta, './layout.html.eta', { ...it, body: render(htmlEta, `./${template}.html.eta`, it) }),
  };
}

/** "Camp day", "Makers day and Camp day", "A, B and C": a list as a sentence says it. */
export function andList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
