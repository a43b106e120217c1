// `npm run restore -- FILE`: puts a backup in place of the database at DATABASE_PATH, and the
// uploaded files from FILE.uploads (if there) back into the uploads folder. The server
// must be stopped first; the restore refuses while anything has the database open. Exits 1 if
// the restore was refused, 2 on a usage mistake.
import { restoreDatabase } from '../db/backup.ts';
import { restoreUploads } from '../db/uploads-backup.ts';
import { uploadsDir } from '../sponsors/logos.ts';
import { runFileCommand } from './file-command.ts';

const usage = 'usage: npm run restore -- FILE   (stop the server first; replaces the database at DATABASE_PATH with FILE)';
process.exit(
  await runFileCommand('restore', usage, process.argv.slice(2), (file, config) => {
    const { summary, keptAs } = restoreDatabase(file, config.databasePath);
    console.log(
      `Restored ${file} to ${config.databasePath}: ${summary.events} events, ${summary.people} people, ` +
        `${summary.registrations} registrations, ${summary.queuedEmails} emails still queued (they go out when the server starts).`,
    );
    const logos = restoreUploads(file, uploadsDir(config.dataDir));
    if (logos) console.log(`Restored ${logos} uploaded files (sponsor logos) from ${file}.uploads.`);
    if (keptAs) console.log(`The database it replaced is kept as ${keptAs}; delete it once you are happy.`);
    console.log('Now start the server again (for example `systemctl start campgrid`).');
  }),
);
