import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { fixturePath } from './fixtures.ts';

/** The c3voc format's own definitions, copied unchanged into the repository (see its README). */
const schemas = fixturePath('c3voc');

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/**
 * Validates a schedule.json object against the format's JSON Schema. The schema is draft-06
 * and uses a `color` format ajv does not know (see the schemas' README).
 */
export function jsonScheduleErrors(schedule: unknown): string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  addFormats(ajv);
  ajv.addFormat('color', /^#[0-9a-fA-F]{6}$/);
  const validate = ajv.compile(JSON.parse(readFileSync(join(schemas, 'c3voc-schedule.schema.json'), 'utf8')));
  return validate(schedule) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Runs xmllint (Debian's libxml2-utils) on a document: against the XSD, or with an XPath query. */
export function xmllint(xml: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'campgrid-schedule-'));
  const file = join(dir, 'schedule.xml');
  writeFileSync(file, xml);
  return new Promise((resolve) => {
    execFile('xmllint', [...args, file], (error, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** xmllint's verdict on a schedule.xml against the format's XSD: "" when valid, else its complaints. */
export async function xmlScheduleErrors(xml: string): Promise<string> {
  const result = await xmllint(xml, ['--noout', '--schema', join(schemas, 'c3voc-schedule.xml.xsd')]);
  return result.code === 0 ? '' : result.stderr;
}
