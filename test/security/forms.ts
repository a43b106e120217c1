import { decodeEntities } from '../helpers/agent.ts';

/**
 * What a browser would submit from the first form on a page that posts to `action` (or the
 * first form, if none is given): text boxes and hidden fields with their values, textareas,
 * ticked boxes and radios, and chosen options.
 */
export function formDefaults(html: string, action?: string): Record<string, string | string[]> {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const form = (action ? forms.find((f) => decodeEntities(/action="([^"]*)"/.exec(f[1]!)?.[1] ?? '') === action) : undefined) ?? forms.find((f) => /method="post"/i.test(f[1]!) && !/action="\/sign-out"/.test(f[1]!));
  if (!form) return {};
  const body = form[2]!;
  const fields: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const existing = fields[name];
    fields[name] = existing === undefined ? value : [existing].flat().concat(value);
  };
  for (const [tag] of body.matchAll(/<input\b[^>]*>/g)) {
    const name = /\sname="([^"]+)"/.exec(tag)?.[1];
    if (!name || name === '_csrf') continue;
    const type = /\stype="([^"]+)"/.exec(tag)?.[1] ?? 'text';
    const value = decodeEntities(/\svalue="([^"]*)"/.exec(tag)?.[1] ?? '');
    if (type === 'file' || type === 'submit') continue;
    if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag)) continue;
    add(decodeEntities(name), value);
  }
  for (const m of body.matchAll(/<textarea\b[^>]*\sname="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(decodeEntities(m[1]!), decodeEntities(m[2]!.replace(/^\n/, '')));
  for (const m of body.matchAll(/<select\b[^>]*\sname="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = /<option\b[^>]*\svalue="([^"]*)"[^>]*\sselected\b/.exec(m[2]!) ?? /<option\b[^>]*\svalue="([^"]*)"/.exec(m[2]!);
    if (chosen) add(decodeEntities(m[1]!), decodeEntities(chosen[1]!));
  }
  return fields;
}

/** The names of every radio button and tickbox on the page with their values, to choose from. */
export function choices(html: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [tag] of html.matchAll(/<input\b[^>]*type="(?:radio|checkbox)"[^>]*>/g)) {
    const name = /\sname="([^"]+)"/.exec(tag)?.[1];
    const value = /\svalue="([^"]*)"/.exec(tag)?.[1];
    if (name && value !== undefined) (out[name] ??= []).push(decodeEntities(value));
  }
  return out;
}
