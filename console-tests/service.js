// Starts the packaged service the way the README says (java -jar target/bounce-classifier.jar
// serve) on a free port, with its own copy of the rules (the tests break a rule file) and the
// admin token set; stops it afterwards.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PROJECT = resolve(import.meta.dirname, '..');
export const JAR = join(PROJECT, 'target', 'bounce-classifier.jar');
export const ADMIN_TOKEN = 'console-test-token-3c9e';
/** Loading and checking the bundled rules takes seconds to tens of seconds on a busy 2-core machine. */
const START_TIMEOUT_MILLIS = 180_000;
/** The service finishes requests in flight on SIGTERM; after this it is killed. */
const STOP_TIMEOUT_MILLIS = 30_000;
const LISTENING = /listening on (http:\/\/[^/\s]+)\//;

/**
 * @param dir the directory of a service stopped with stop({ keep: true }): the same rules and data
 *     directory (its ledger), as an operator restarting the service; by default a new one
 */
export async function startService({ dir: again = null } = {}) {
  const dir = again ?? mkdtempSync(join(tmpdir(), 'bounce-console-'));
  const rules = join(dir, 'rules');
  const cases = join(dir, 'rules-tests');
  if (!again) {
    cpSync(join(PROJECT, 'rules'), rules, { recursive: true });
    cpSync(join(PROJECT, 'rules-tests'), cases, { recursive: true });
  }
  const child = spawn('java', ['-jar', JAR, 'serve', '--port', '0', '--rules', rules, '--rules-tests', cases], {
    cwd: dir,
    env: { ...process.env, BOUNCE_ADMIN_TOKEN: ADMIN_TOKEN, BOUNCE_DATA_DIR: join(dir, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const baseUrl = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start in ${START_TIMEOUT_MILLIS} ms:\n${log}`)),
      START_TIMEOUT_MILLIS);
    const read = (chunk) => {
      log += chunk;
      const m = LISTENING.exec(log);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the service exited with ${code} before listening:\n${log}`));
    });
  });
  const health = await fetch(`${baseUrl}/health`);
  if (!health.ok) {
    throw new Error(`/health answered ${health.status}`);
  }
  return {
    baseUrl,
    rulesDir: rules,
    casesDir: cases,
    dir,
    log: () => log,
    /** Stops the service (SIGTERM: it finishes and writes what it holds); keep: leave its directory for a restart. */
    async stop({ keep = false } = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MILLIS);
        await exited;
        clearTimeout(timer);
      }
      if (!keep) {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
