import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';

const emailViews = join(dirname(fileURLToPath(import.meta.url)), '../../views/emails');
const htmlEta = new Eta({ views: emailViews, cache: true, autoEscape: true });
// Plain-text parts must not be HTML-escaped: "Tom & Jerry" stays as typed.
const textEta = new Eta({ views: emailViews, cache: true, autoEscape: false });

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Renders views/emails/<template>.text.eta and .html.eta. Synchronous on purpose: mail is
 * composed inside the transaction that queues it.
 */
export function composeMail(template: string, subject: string, data: Record<string, unknown>): ComposedMail {
  const it = { ...data, subject };
  return {
    subject,
    text: textEta.render(`./${template}.text.eta`, it).trim() + '\n',
    html: htmlEta.render('./layout.html.eta', { ...it, body: htmlEta.render(`./${template}.html.eta`, it) }),
  };
}
