import type { FormBody } from '../web/forms.ts';
import type { Upload } from '../web/uploads.ts';
import { checkLogo, logoFileName, storeLogo, storedLogo, type StoredLogo } from './logos.ts';

/**
 * The logo a form ends up with: a newly uploaded one (checked), else the one kept from before
 * in the hidden `logo` field. A bad upload gives a message for the `logoFile` field and leaves
 * any kept logo in place. A new upload is written only by `keep()`, once the whole form has
 * passed, so a refused form leaves no file behind; keep() may refuse when uploads are full.
 */
export function takeLogo(
  dataDir: string,
  spaceBytes: number,
  fields: FormBody,
  upload: Upload | null,
): { logo: StoredLogo | null; error: string | null; keep: () => void } {
  const keptName = typeof fields.logo === 'string' ? fields.logo : '';
  const kept = keptName ? storedLogo(dataDir, keptName) : null;
  fields.logo = kept?.file ?? '';
  const nothingToKeep = () => {};
  if (!upload) return { logo: kept, error: null, keep: nothingToKeep };
  const check = checkLogo(upload.data, upload.truncated);
  if (!check.ok) return { logo: kept, error: check.message, keep: nothingToKeep };
  return {
    logo: { file: logoFileName(upload.data, check.image), ...check.image },
    error: null,
    keep: () => {
      storeLogo(dataDir, upload.data, check.image, spaceBytes);
    },
  };
}
