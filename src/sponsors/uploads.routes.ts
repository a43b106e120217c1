import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance } from 'fastify';
import { NotFound } from '../rules.ts';
import { logoContentTypes, maxLogoBytes, storedLogoPattern, uploadsDir, type LogoType } from './logos.ts';

/** What busboy says about a body it cannot parse. */
const busboyProblem = /end of (form|multipart data)|malformed|boundary not found|terminated early/i;

/**
 * Lets the routes of `app` (an encapsulated context) take multipart forms with one file.
 * Fields come onto the body as { value } objects. A file over the limit is cut off and marked
 * truncated rather than failing the request, so the form can say what was wrong with it.
 */
export async function acceptLogoUploads(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, {
    attachFieldsToBody: true,
    throwFileSizeLimit: false,
    limits: { fileSize: maxLogoBytes, files: 1, fields: 40, fieldSize: 20_000, parts: 45, fieldNameSize: 100, headerPairs: 100 },
  });
  // A multipart body the parser cannot read (cut off, malformed) is a bad request, not our
  // fault: mark it so, and let the site's error pages (the parent handler) show it.
  app.setErrorHandler((error: FastifyError, request) => {
    if (error.statusCode === undefined && request.isMultipart() && busboyProblem.test(error.message)) error.statusCode = 400;
    throw error;
  });
}

/**
 * Serves stored logos. Their names are content hashes, so they never change and can be cached
 * for a year; nosniff makes browsers trust only the type we checked on upload.
 */
export async function uploadRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app.campgrid;
  app.get('/uploads/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    if (!storedLogoPattern.test(file)) throw new NotFound();
    let data: Buffer;
    try {
      data = await readFile(join(uploadsDir(config.dataDir), file));
    } catch {
      throw new NotFound();
    }
    const type = file.slice(file.lastIndexOf('.') + 1) as LogoType;
    return reply
      .header('content-type', logoContentTypes[type])
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('content-security-policy', "default-src 'none'")
      .send(data);
  });
}
