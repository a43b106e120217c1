import { cpSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';

/** Uploaded files (sponsor logos) travel with a backup in a folder beside it: `<backup>.uploads`. */
export const uploadsBeside = (backupPath: string): string => `${backupPath}.uploads`;

/**
 * Copies the uploads folder beside a backup. Copied to a partial folder and renamed, so a
 * half-made copy never looks like one. Logos are named by their content, so a file uploaded
 * while the backup runs is only ever extra, never a changed one. Returns how many files.
 */
export function backupUploads(uploadsDir: string, backupPath: string): number {
  if (!existsSync(uploadsDir)) return 0;
  const destination = uploadsBeside(backupPath);
  const partial = `${destination}.partial-${process.pid}`;
  try {
    cpSync(uploadsDir, partial, { recursive: true, filter: (source) => !source.endsWith('.partial') });
    renameSync(partial, destination);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return readdirSync(destination).length;
}

/** Puts a backup's uploads back into the uploads folder (files already there are the same files, by name). */
export function restoreUploads(backupPath: string, uploadsDir: string): number {
  const source = uploadsBeside(backupPath);
  if (!existsSync(source)) return 0;
  cpSync(source, uploadsDir, { recursive: true });
  return readdirSync(source).length;
}
