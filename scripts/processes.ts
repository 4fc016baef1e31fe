/** Services run as their own processes, from their built entry points, as a person runs them: for tests and benchmarks. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

// the repository, from scripts/ (tests run the source) and from scripts/dist/ (built)
const ROOT = path.resolve(__dirname, path.basename(__dirname) === 'dist' ? '../..' : '..');

/** The example bank (partners/example-bank) as its own process, as a partner would run it: the built entry point. */
export async function startBankProcess(
  secret: string,
  name = 'bank',
): Promise<{ url: string; process: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'partners/example-bank/dist/main.js')], {
    env: { PATH: process.env.PATH, PARTNER_SECRET: secret, PARTNER_NAME: name, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /listening at (\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the bank exited (${code}) before it listened`)));
  });
  return {
    url,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** `npm run partner -- …` as a person runs it (its built entry point), with the environment given. */
export function partnerCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/dist/partner.js'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}
