// `npm run backup -- FILE`: a consistent copy of the live database (DATABASE_PATH) while the
// site keeps serving, and the uploaded files (sponsor logos) into FILE.uploads beside it. Exits 1 if the backup could not be made, 2 on a usage mistake.
import { backupDatabase } from '../db/backup.ts';
import { backupUploads, uploadsBeside } from '../db/uploads-backup.ts';
import { uploadsDir } from '../sponsors/logos.ts';
import { runFileCommand } from './file-command.ts';

const usage = 'usage: npm run backup -- FILE   (copies the database at DATABASE_PATH to FILE)';
process.exit(
  await runFileCommand('backup', usage, process.argv.slice(2), async (file, config) => {
    const copy = await backupDatabase(config.databasePath, file);
    console.log(
      `Backed up ${config.databasePath} to ${file} in ${copy.ms} ms: ${(copy.bytes / 1_048_576).toFixed(1)} MB, ` +
        `${copy.events} events, ${copy.people} people, ${copy.registrations} registrations, ${copy.queuedEmails} emails still queued. ` +
        'It passed SQLite\'s integrity and foreign-key checks.',
    );
    const logos = backupUploads(uploadsDir(config.dataDir), file);
    if (logos) console.log(`Copied ${logos} uploaded files (sponsor logos) to ${uploadsBeside(file)}; keep that folder with the backup.`);
  }),
);
