// Runs `npm ci` at the repository root when package-lock.json differs from what was last installed,
// so repeated builds do not reinstall (and do not pull node_modules from under a running anvil).
// Optional dependencies stay on: anvil's platform binary is one.
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2] ?? process.cwd();
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.mevkit-installed');
const digest = createHash('sha256').update(readFileSync(lock)).update(readFileSync(join(root, 'package.json'))).digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === digest) {
  console.log('node_modules up to date with package-lock.json');
} else {
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, digest + '\n');
}
