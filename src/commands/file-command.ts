import { resolve } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config.ts';

/**
 * The shape every operator's command that takes one FILE shares (backup, restore): a usage
 * mistake or a configuration mistake is exit code 2 with its message; anything that goes wrong
 * while acting (a refusal, a full disk, a permission) is exit code 1 with one line naming the
 * command, never a stack trace. Returns the exit code, for the command to exit with.
 */
export async function runFileCommand(
  name: string,
  usage: string,
  args: string[],
  act: (file: string, config: Config) => void | Promise<void>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [file, ...rest] = args;
  if (!file || rest.length || file.startsWith('-')) {
    console.error(usage);
    return 2;
  }
  try {
    await act(resolve(file), loadConfig(env));
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
