// `npm run councils:import FILE`: brings the councils register up to date (mySociety's columns).
import { readFileSync } from 'node:fs';
import { systemClock } from '../clock.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { importRegister } from '../organisations/register.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run councils:import -- uk-local-authorities.csv');
  process.exit(2);
}
let csv: string;
try {
  csv = readFileSync(file, 'utf8');
} catch (error) {
  console.error(`Cannot read ${file}: ${(error as Error).message}`);
  process.exit(2);
}
try {
  const db = openDatabase(loadConfig().databasePath);
  const result = importRegister(db, systemClock.now(), csv);
  db.$client.close();
  if (!result.ok) {
    console.error(`Nothing was imported: ${result.problems.length === 1 ? 'one row is' : `${result.problems.length} rows are`} not right. Correct the file and run this again.`);
    for (const problem of result.problems) console.error(`  line ${problem.line}: ${problem.reason}`);
    process.exit(1);
  }
  console.log(`Councils register imported: ${result.added} added, ${result.updated} updated, ${result.ended} no longer in the register (kept as ended), ${result.names} spellings to match.`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
