import fastifyMultipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { FormBody } from './forms.ts';

/** What busboy says about a body it cannot parse. */
const busboyProblem = /end of (form|multipart data)|malformed|boundary not found|terminated early/i;

/**
 * Lets the routes of `app` (an encapsulated context) take multipart forms with one file of up
 * to `maxFileBytes`, and at most `maxFields` text fields of up to `maxFieldBytes` each, so a
 * body is bounded before anyone's sign-in or token is checked. Fields come onto the body as
 * { value } objects. A file or field over its limit is cut off and marked rather than failing
 * the request, so the form can say what was wrong.
 */
export async function acceptUploads(app: FastifyInstance, limits: { maxFileBytes: number; maxFieldBytes?: number; maxFields?: number }): Promise<void> {
  const fields = limits.maxFields ?? 40;
  await app.register(fastifyMultipart, {
    attachFieldsToBody: true,
    throwFileSizeLimit: false,
    limits: { fileSize: limits.maxFileBytes, files: 1, fields, fieldSize: limits.maxFieldBytes ?? 20_000, parts: fields + 1, fieldNameSize: 100, headerPairs: 100 },
  });
  // A multipart body the parser cannot read (cut off, malformed) is a bad request, not our
  // fault: mark it so, and let the site's error pages (the parent handler) show it.
  app.setErrorHandler((error: FastifyError, request) => {
    if (error.statusCode === undefined && request.isMultipart() && busboyProblem.test(error.message)) error.statusCode = 400;
    throw error;
  });
}

export interface Upload {
  data: Buffer;
  /** The file went past the size limit and was cut off there. */
  truncated: boolean;
}

interface MultipartField {
  type: 'field';
  value: unknown;
  /** The value went past the field size limit and was cut off there. */
  valueTruncated?: boolean;
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
 * a { value } object), with the uploaded file, if one was chosen, set apart, and the names of
 * any fields that were cut short at the size limit.
 */
export function formWithUpload(body: unknown, fileField: string): { fields: FormBody; upload: Upload | null; cutShort: string[] } {
  const fields: FormBody = {};
  const cutShort: string[] = [];
  let upload: Upload | null = null;
  if (!body || typeof body !== 'object') return { fields, upload, cutShort };
  for (const [name, raw] of Object.entries(body as Record<string, unknown>)) {
    const parts = Array.isArray(raw) ? raw : [raw];
    if (!parts.every(isPart)) {
      fields[name] = raw;
      continue;
    }
    const values: unknown[] = [];
    for (const part of parts) {
      if (part.type === 'field') {
        values.push(part.value);
        if (part.valueTruncated && !cutShort.includes(name)) cutShort.push(name);
      }
      // A file box left empty still sends a part, with no name and no bytes.
      else if (name === fileField && !upload && (part.filename || (part._buf?.length ?? 0) > 0)) {
        upload = { data: part._buf ?? Buffer.alloc(0), truncated: part.file?.truncated === true };
      }
    }
    if (values.length) fields[name] = values.length === 1 ? values[0] : values;
  }
  return { fields, upload, cutShort };
}

/**
 * The text of an uploaded file: UTF-8 (a byte-order mark dropped), or, when it is not valid
 * UTF-8, Windows-1252, which is what a spreadsheet saved on an older council PC tends to be.
 */
export function uploadedText(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder('windows-1252').decode(data);
  }
}
