import type { FormBody } from '../web/forms.ts';
import { checkLogo, storeLogo, storedLogo, type StoredLogo } from './logos.ts';

export interface Upload {
  data: Buffer;
  /** The file went past the size limit and was cut off there. */
  truncated: boolean;
}

interface MultipartField {
  type: 'field';
  value: unknown;
}
interface MultipartFile {
  type: 'file';
  filename: string;
  _buf: Buffer | null;
  file: { truncated?: boolean };
}
type Part = MultipartField | MultipartFile;

const isPart = (v: unknown): v is Part => !!v && typeof v === 'object' && ((v as Part).type === 'field' || (v as Part).type === 'file');

/**
 * A form body as plain values, whether it came urlencoded or as multipart (where each field is
 * a { value } object), with the uploaded file, if one was chosen, set apart.
 */
export function formWithUpload(body: unknown, fileField: string): { fields: FormBody; upload: Upload | null } {
  const fields: FormBody = {};
  let upload: Upload | null = null;
  if (!body || typeof body !== 'object') return { fields, upload };
  for (const [name, raw] of Object.entries(body as Record<string, unknown>)) {
    const parts = Array.isArray(raw) ? raw : [raw];
    if (!parts.every(isPart)) {
      fields[name] = raw;
      continue;
    }
    const values: unknown[] = [];
    for (const part of parts) {
      if (part.type === 'field') values.push(part.value);
      // A file box left empty still sends a part, with no name and no bytes.
      else if (name === fileField && !upload && (part.filename || (part._buf?.length ?? 0) > 0)) {
        upload = { data: part._buf ?? Buffer.alloc(0), truncated: part.file?.truncated === true };
      }
    }
    if (values.length) fields[name] = values.length === 1 ? values[0] : values;
  }
  return { fields, upload };
}

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
