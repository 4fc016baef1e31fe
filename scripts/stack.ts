/**
 * The whole graph as `npm start` runs it — the launcher and its five processes, each a real
 * process that can be frozen (SIGSTOP) or killed — on free ports and a data folder of its own:
 * for the tests and benchmarks of what happens when a part fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { DataSource } from 'typeorm';

const ROOT = path.resolve(__dirname, path.basename(__dirname) === 'dist' ? '../..' : '..');
export const SERVICES = ['brands', 'bases', 'training', 'evaluation', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** a port nothing listens on now, on loopback */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Stack {
  gatewayUrl: string;
  urls: Record<ServiceName, string>;
  launcher: ChildProcess;
  /** the process id each service runs as now (a restart changes it) */
  pid(service: ServiceName): number;
  /** every line the launcher printed so far */
  lines: string[];
  /** resolves with the first line (from now on, or already printed when `seen` says so) that matches */
  waitFor(pattern: RegExp, timeoutMs?: number, options?: { fromNow?: boolean }): Promise<string>;
  /** Ctrl-C, as a person stops it; resolves with the launcher's exit code (a PostgreSQL database of its own is dropped) */
  stop(): Promise<number | null>;
  /** on PostgreSQL, the stack's own database (each service a schema in it) */
  databaseUrl?: string;
}

/** A database of the stack's own on the PostgreSQL server given, and how to drop it. */
async function ownDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `stack_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const db = new DataSource({ type: 'postgres', url: serverUrl });
    await db.initialize();
    try {
      await db.query(sql);
    } finally {
      await db.destroy();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export async function startStack(options: {
  dataDir: string;
  env?: Record<string, string>;
  readyMs?: number;
  /** a PostgreSQL server: the stack runs on a database of its own there, dropped at stop; SQLite files in dataDir otherwise */
  postgresUrl?: string;
}): Promise<Stack> {
  const database = options.postgresUrl ? await ownDatabase(options.postgresUrl) : undefined;
  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (name) => [name, await freePort()]))) as Record<
    ServiceName,
    number
  >;
  const urls = Object.fromEntries(SERVICES.map((name) => [name, `http://127.0.0.1:${ports[name]}/graphql`])) as Record<ServiceName, string>;
  const launcher = spawn(process.execPath, [path.join(ROOT, 'scripts', 'dist', 'start.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DEVELOPMENT: 'true',
      DATA_DIR: options.dataDir,
      SEED_SCALE: '0.05',
      ...(database ? { DATABASE_URL: database.url } : {}),
      PORT: String(ports.gateway),
      GATEWAY_URL: urls.gateway,
      ...Object.fromEntries(SERVICES.filter((s) => s !== 'gateway').map((s) => [`SUBGRAPH_${s.toUpperCase()}_URL`, urls[s]])),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const pids = new Map<string, number>();
  const listeners = new Set<(line: string) => void>();
  for (const stream of [launcher.stdout!, launcher.stderr!])
    readline.createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      const started = /launcher\s+\w+\s+(\w+) started \(pid (\d+)\)/.exec(line);
      if (started) pids.set(started[1], Number(started[2]));
      for (const listener of listeners) listener(line);
    });
  const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, timeoutMs = 60_000, { fromNow = false } = {}) =>
    new Promise<string>((resolve, reject) => {
      const already = fromNow ? undefined : lines.find((line) => pattern.test(line));
      if (already) return resolve(already);
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; the last lines:\n${lines.slice(-15).join('\n')}`));
      }, timeoutMs);
      const listener = (line: string) => {
        if (!pattern.test(line)) return;
        clearTimeout(timer);
        listeners.delete(listener);
        resolve(line);
      };
      listeners.add(listener);
      void exited.then(() => {
        if (!listeners.has(listener)) return;
        clearTimeout(timer);
        listeners.delete(listener);
        reject(new Error(`the launcher exited before a line matched ${pattern}:\n${lines.slice(-15).join('\n')}`));
      });
    });
  const stack: Stack = {
    databaseUrl: database?.url,
    gatewayUrl: urls.gateway,
    urls,
    launcher,
    lines,
    pid(service) {
      const pid = pids.get(service);
      if (!pid) throw new Error(`${service} has not started`);
      return pid;
    },
    waitFor,
    async stop() {
      if (launcher.exitCode === null && launcher.signalCode === null) {
        // a frozen process would not hear SIGTERM
        for (const pid of pids.values()) {
          try {
            process.kill(pid, 'SIGCONT');
          } catch {
            // gone already
          }
        }
        launcher.kill('SIGINT');
      }
      const code = await exited;
      await database?.drop();
      return code;
    },
  };
  try {
    await waitFor(/graph ready in/, options.readyMs ?? 120_000);
  } catch (err) {
    await stack.stop();
    throw err;
  }
  return stack;
}
