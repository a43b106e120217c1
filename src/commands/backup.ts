// `npm run backup -- FILE`: a consistent copy of the live database (DATABASE_PATH) while the
// site keeps serving, and the uploaded files (sponsor logos) into FILE.uploads beside it. Exits 1 if the backup could not be made, 2 on a usage mistake.
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config.ts';
import { BackupRefused, backupDatabase } from '../db/backup.ts';
import { backupUploads, uploadsBeside } from '../db/uploads-backup.ts';
import { uploadsDir } from '../sponsors/logos.ts';

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length || file.startsWith('-')) {
  console.error('usage: npm run backup -- FILE   (copies the database at DATABASE_PATH to FILE)');
  process.exit(2);
}
try {
  const config = loadConfig();
  const copy = await backupDatabase(config.databasePath, resolve(file));
  console.log(
    `Backed up ${config.databasePath} to ${resolve(file)} in ${copy.ms} ms: ${(copy.bytes / 1_048_576).toFixed(1)} MB, ` +
      `${copy.events} events, ${copy.people} people, ${copy.registrations} registrations, ${copy.queuedEmails} emails still queued. ` +
      'It passed SQLite\'s integrity and foreign-key checks.',
  );
  const logos = backupUploads(uploadsDir(config.dataDir), resolve(file));
  if (logos) console.log(`Copied ${logos} uploaded files (sponsor logos) to ${uploadsBeside(resolve(file))}; keep that folder with the backup.`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  // Refusals and anything unexpected (a full disk, a permission) alike: one line, not a stack trace.
  console.error(`backup: ${error instanceof BackupRefused ? error.message : (error as Error).message}`);
  process.exit(1);
}
