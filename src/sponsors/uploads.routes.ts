import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TypedApp } from '../web/input.ts';
import { NotFound } from '../rules.ts';
import { acceptUploads } from '../web/uploads.ts';
import { logoContentTypes, maxLogoBytes, storedLogoPattern, uploadsDir, type LogoType } from './logos.ts';

/** Lets the routes of `app` (an encapsulated context) take a form with one logo file. */
export async function acceptLogoUploads(app: FastifyInstance): Promise<void> {
  await acceptUploads(app, { maxFileBytes: maxLogoBytes });
}

/**
 * Serves stored logos. Their names are content hashes, so they never change and can be cached
 * for a year; nosniff makes browsers trust only the type we checked on upload.
 */
export async function uploadRoutes(app: TypedApp): Promise<void> {
  const { config } = app.campgrid;
  // A name that could not be a stored logo is a page that does not exist.
  app.get('/uploads/:file', { schema: { params: z.object({ file: z.string().regex(storedLogoPattern) }) } }, async (request, reply) => {
    const { file } = request.params;
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
