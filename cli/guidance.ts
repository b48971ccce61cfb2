/** Entry point of `npm run guidance` (see run.ts for the options). */
import { runGuidance } from './run';

const result = await runGuidance(process.argv.slice(2));
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.code;
