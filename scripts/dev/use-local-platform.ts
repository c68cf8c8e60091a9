// Imported first by the operator commands in scripts/: with nothing configured, they run against the platform a
// local `npm start` is running (./local-platform.ts).
import { join } from 'node:path';
import { useLocalPlatform } from './local-platform';
import { ROOT } from './root';

if (useLocalPlatform(join(ROOT, '.data'))) {
  console.error('(using the platform `npm start` is running in this folder: .data/platform.json)');
}
