import type { FormBody } from '../web/forms.ts';
import type { Upload } from '../web/uploads.ts';
import { checkLogo, storeLogo, storedLogo, type StoredLogo } from './logos.ts';

/**
 * The logo a form ends up with: a newly uploaded one (checked and stored), else the one kept
 * from an earlier attempt in the hidden `logo` field. A bad upload gives a message for the
 * `logoFile` field and leaves any kept logo in place.
 */
export function takeLogo(dataDir: string, fields: FormBody, upload: Upload | null): { logo: StoredLogo | null; error: string | null } {
  const keptName = typeof fields.logo === 'string' ? fields.logo : '';
  const kept = keptName ? storedLogo(dataDir, keptName) : null;
  fields.logo = kept?.file ?? '';
  if (!upload) return { logo: kept, error: null };
  const check = checkLogo(upload.data, upload.truncated);
  if (!check.ok) return { logo: kept, error: check.message };
  const stored = storeLogo(dataDir, upload.data, check.image);
  fields.logo = stored.file;
  return { logo: stored, error: null };
}
