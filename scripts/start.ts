/**
 * npm start: runs the four subgraphs and the gateway as five processes on the embedded
 * default (one SQLite file each under data/, migrated and seeded on first start, or
 * PostgreSQL when DATABASE_URL is set), waits until each is healthy, prints where the
 * graph and its IDE are, restarts a service that crashes (with backoff, giving up loudly after
 * repeated crashes), and stops them all on Ctrl-C. It is the development stack
 * (DEVELOPMENT=true unless NODE_ENV=production or DEVELOPMENT=false): secrets not set are
 * read once from DATA_DIR/secrets.json (random, created on first start, mode 0600) and
 * handed to each process in its environment, and every service listens on loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { gatewayConfigFromEnv, readSupergraphConfig, SCHEMA_DIR } from '@skills-sichuan/gateway';
import { ConfigError, envInt, gatewaySideSecret, secretFromEnv, subgraphSecretVariable } from '@skills-sichuan/runtime';
import { developmentUnlessProduction } from './development';
import { SUBGRAPHS } from './subgraphs';

const ROOT = path.resolve(__dirname, '../..');
const started = Date.now();
const TRACING = path.join(ROOT, 'packages', 'runtime', 'dist', 'tracing.js');

interface Service {
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  health: string;
}

const routing = new Map(readSupergraphConfig(path.join(SCHEMA_DIR, 'supergraph.yaml')).map((e) => [e.name, new URL(e.routingUrl)]));
const env: NodeJS.ProcessEnv = developmentUnlessProduction({ ...process.env });
/** The five processes and what each is handed; a missing or bad setting stops here, said plainly. */
function planServices(): Service[] {
  const gatewayConfig = gatewayConfigFromEnv(env);
  // each process is handed exactly the secrets it uses: the gateway one per subgraph, each subgraph its own
  const subgraphSecrets = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, gatewaySideSecret(name, env)]));
  return [
    ...SUBGRAPHS.map(({ name }) => {
      // where the subgraph runs: SUBGRAPH_<NAME>_URL, which the gateway reads too, else its routing URL
      const given = gatewayConfig.subgraphUrls[name];
      const url = given ? new URL(given) : routing.get(name);
      if (!url) throw new Error(`schema/supergraph.yaml has no routing_url for ${name}`);
      return {
        name,
        entry: path.join(ROOT, 'subgraphs', name, 'dist', 'main.js'),
        // subgraphs read each other through the gateway: wherever the gateway was told to listen
        env: {
          HOST: url.hostname,
          PORT: url.port,
          GATEWAY_URL: env.GATEWAY_URL ?? `http://${gatewayConfig.host}:${gatewayConfig.port}/graphql`,
          GATEWAY_SECRET: subgraphSecrets[name],
          ...(name === 'training' ? { TRAINEE_DATA_KEY: secretFromEnv('TRAINEE_DATA_KEY', env) } : {}),
          ...(name === 'bases' ? { CONTACT_DATA_KEY: secretFromEnv('CONTACT_DATA_KEY', env) } : {}),
        },
        health: `${url.origin}/health`,
      };
    }),
    {
      name: 'gateway',
      entry: path.join(ROOT, 'gateway', 'dist', 'main.js'),
      env: {
        ...(gatewayConfig.token.kind === 'secret' ? { JWT_SECRET: gatewayConfig.token.secret } : {}),
        PARTNER_SECRET_ROOT: gatewayConfig.partners.secretRoot,
        ...Object.fromEntries(SUBGRAPHS.map(({ name }) => [subgraphSecretVariable(name), subgraphSecrets[name]])),
      },
      health: `http://${gatewayConfig.host}:${gatewayConfig.port}/health`,
    },
  ];
}

let services: Service[];
try {
  services = planServices();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`npm start: ${err.message}\n`);
  process.exit(2);
}

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** One readable line per structured log line: time, service, level, message and the rest. */
function show(name: string, line: string) {
  try {
    const { level, time, msg, service: _service, name: _name, pid: _pid, hostname: _hostname, ...rest } = JSON.parse(line);
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    process.stdout.write(
      `${new Date(time).toISOString().slice(11, 19)} ${name.padEnd(10)} ${(LEVELS[level] ?? level).padEnd(5)} ${msg}${extra}\n`,
    );
  } catch {
    process.stdout.write(`${name.padEnd(19)} ${line}\n`);
  }
}

const children = new Map<string, ChildProcess>();
let stopping = false;

/**
 * A crashed service is started again, after 0.5 s, then 1 s, 2 s …; one that crashes
 * RESTART_LIMIT times within a minute is given up on, loudly, and everything stops.
 */
const RESTART = {
  firstDelayMs: envInt('RESTART_BACKOFF_MS', 500, { min: 10, max: 60_000 }, env),
  limit: envInt('RESTART_LIMIT', 5, { min: 1, max: 100 }, env),
  windowMs: 60_000,
};
const crashes = new Map<string, number[]>();

/** the launcher's own lines, in the same shape as the services' */
const say = (message: string, stream: NodeJS.WriteStream = process.stdout) =>
  stream.write(
    `${new Date().toISOString().slice(11, 19)} ${'launcher'.padEnd(10)} ${stream === process.stderr ? 'warn ' : 'info '} ${message}\n`,
  );

function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 10_000);
  const waitAll = [...children.values()].map(
    (child) =>
      new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve))),
  );
  void Promise.all(waitAll).then(() => {
    clearTimeout(force);
    process.exit(code);
  });
}

/** when each service last started or printed a line: a large seed says how far it is, and is waited for */
const lastWord = new Map<string, number>();
/** a service that neither answers /health nor prints a line for this long is given up on */
const SILENT_MS = 5 * 60_000;

function run(service: Service): void {
  // tracing first, so node:http is instrumented (it does nothing unless OTEL_EXPORTER_OTLP_ENDPOINT is set)
  const child = spawn(process.execPath, ['--require', TRACING, service.entry], {
    cwd: ROOT,
    env: { ...env, OTEL_SERVICE_NAME: service.name, ...service.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(service.name, child);
  say(`${service.name} started (pid ${child.pid})`);
  lastWord.set(service.name, Date.now());
  for (const stream of [child.stdout, child.stderr])
    readline.createInterface({ input: stream }).on('line', (line) => {
      lastWord.set(service.name, Date.now());
      show(service.name, line);
    });
  child.once('exit', (code, signal) => {
    children.delete(service.name);
    if (stopping) return;
    const now = Date.now();
    const recent = [...(crashes.get(service.name) ?? []).filter((at) => now - at < RESTART.windowMs), now];
    crashes.set(service.name, recent);
    const how = signal ?? `code ${code}`;
    if (recent.length >= RESTART.limit) {
      say(
        `${service.name} crashed ${recent.length} times within a minute (last: ${how}); giving up and stopping everything`,
        process.stderr,
      );
      stopAll(1);
      return;
    }
    const delay = RESTART.firstDelayMs * 2 ** (recent.length - 1);
    say(
      `${service.name} exited (${how}); restarting it in ${delay} ms (crash ${recent.length} of ${RESTART.limit} allowed within a minute)`,
      process.stderr,
    );
    setTimeout(() => {
      if (stopping) return;
      run(service);
      healthy(service).then(
        () => say(`${service.name} is back`),
        () => undefined,
      );
    }, delay);
  });
}

async function healthy(service: Service): Promise<void> {
  while (!stopping && Date.now() - (lastWord.get(service.name) ?? Date.now()) < SILENT_MS) {
    try {
      if ((await fetch(service.health)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${service.health} did not answer in time`);
}

async function main() {
  for (const service of services) run(service);
  await Promise.all(services.map((s) => healthy(s)));
  const gateway = new URL(services.find((s) => s.name === 'gateway')!.health).origin;
  process.stdout.write(
    [
      '',
      `技能四川 graph ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      `  GraphQL  ${gateway}/graphql`,
      `  IDE      ${gateway}/graphql  (open it in a browser; works offline)`,
      ...services.slice(0, -1).map((s) => `  ${s.name.padEnd(8)} ${s.health.replace('/health', '/graphql')}`),
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));
main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  stopAll(1);
});
