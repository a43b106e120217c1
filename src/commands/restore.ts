// `npm run restore -- FILE`: puts a backup in place of the database at DATABASE_PATH, and the
// uploaded files from FILE.uploads (if there) back into the uploads folder. The server
// must be stopped first; the restore refuses while anything has the database open. Exits 1 if
// the restore was refused, 2 on a usage mistake.
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config.ts';
import { BackupRefused, restoreDatabase } from '../db/backup.ts';
import { restoreUploads } from '../db/uploads-backup.ts';
import { uploadsDir } from '../sponsors/logos.ts';

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length || file.startsWith('-')) {
  console.error('usage: npm run restore -- FILE   (stop the server first; replaces the database at DATABASE_PATH with FILE)');
  process.exit(2);
}
try {
  const config = loadConfig();
  const { summary, keptAs } = restoreDatabase(resolve(file), config.databasePath);
  console.log(
    `Restored ${resolve(file)} to ${config.databasePath}: ${summary.events} events, ${summary.people} people, ` +
      `${summary.registrations} registrations, ${summary.queuedEmails} emails still queued (they go out when the server starts).`,
  );
  const logos = restoreUploads(resolve(file), uploadsDir(config.dataDir));
  if (logos) console.log(`Restored ${logos} uploaded files (sponsor logos) from ${resolve(file)}.uploads.`);
  if (keptAs) console.log(`The database it replaced is kept as ${keptAs}; delete it once you are happy.`);
  console.log('Now start the server again (for example `systemctl start campgrid`).');
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  // Refusals and anything unexpected (a full disk, a permission) alike: one line, not a stack trace.
  console.error(`restore: ${error instanceof BackupRefused ? error.message : (error as Error).message}`);
  process.exit(1);
}
