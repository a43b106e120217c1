/** Providers that deliver `some.one@` and `someone@` to the same inbox, and their other names. */
const dotInsensitive = new Map([
  ['gmail.com', 'gmail.com'],
  ['googlemail.com', 'gmail.com'],
]);

/**
 * The inbox an address delivers to, as a key: `Some.One+camp@googlemail.com` and
 * `someone@gmail.com` are one mailbox. Wherever a person must be unique (a ballot entry, a
 * place) addresses are compared by this, so sub-addresses (+tag) and, on providers that ignore
 * them, dots cannot make one person into several. Mail still goes to the address as typed.
 */
export function mailboxOf(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  const domain = dotInsensitive.get(address.slice(at + 1)) ?? address.slice(at + 1);
  let local = address.slice(0, at).split('+')[0] || address.slice(0, at);
  if (dotInsensitive.has(domain)) local = local.replaceAll('.', '');
  return `${local}@${domain}`;
}

/** Addresses anyone can get, which say nothing about where a person works. */
const openProviders = new Set([
  ...dotInsensitive.keys(),
  'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com', 'live.co.uk', 'msn.com', 'yahoo.com', 'yahoo.co.uk', 'ymail.com',
  'icloud.com', 'me.com', 'mac.com', 'aol.com', 'btinternet.com', 'sky.com', 'talktalk.net', 'virginmedia.com', 'protonmail.com', 'proton.me', 'gmx.com', 'gmx.co.uk',
]);

/** The organisation an address's domain stands for (`anytown.gov.uk`), or null for an open provider. */
export function organisationDomainOf(email: string): string | null {
  const domain = mailboxOf(email).split('@')[1] ?? '';
  return domain === '' || openProviders.has(domain) ? null : domain;
}
