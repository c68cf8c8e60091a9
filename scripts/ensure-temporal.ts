// Finds, builds (with Go) or downloads the Temporal CLI once, and prints its path (.ci/run calls it so the build
// happens before the tests' clock starts).
import { findOrBuildTemporalCli } from './dev/temporal';

try {
  const cli = await findOrBuildTemporalCli((line) => console.error(line), {
    verbose: process.argv.includes('--verbose'),
  });
  console.log(cli);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
