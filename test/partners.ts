/** What the partner tests share: partners' services to join with, the registry's command line, a load loop. */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { Json } from './graph';

const ROOT = path.resolve(__dirname, '..');

/**
 * A partner's subgraph whose schema can be replaced while it runs, on one address, as a
 * partner's deploy replaces it: plain @apollo/subgraph, for schemas the checks should refuse
 * or accept. It decodes (not verifies) the gateway's token, so a field can answer what it was told.
 */
export interface AdHocPartner {
  url: string;
  serve(sdl: string, resolvers?: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

export async function adHocPartner(sdl: string, resolvers: Record<string, unknown> = {}): Promise<AdHocPartner> {
  let apollo: ApolloServer<{ claims: Json }> | undefined;
  const serve = async (typeDefs: string, given: Record<string, unknown> = {}) => {
    const next = new ApolloServer<{ claims: Json }>({
      schema: buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers: given as never }),
    });
    await next.start();
    const previous = apollo;
    apollo = next;
    await previous?.stop();
  };
  await serve(sdl, resolvers);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const claims = token ? JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) : {};
      const map = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') map.set(k, v);
      const response = await apollo!.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'POST', headers: map, search: '', body: raw ? JSON.parse(raw) : undefined },
        context: async () => ({ claims }),
      });
      res.writeHead(response.status ?? 200, Object.fromEntries(response.headers));
      res.end(response.body.kind === 'complete' ? response.body.string : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    serve,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await apollo?.stop();
    },
  };
}

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

export async function post(url: string, query: string, token?: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Json; errors?: { message: string; extensions?: Json }[] } };
}

export interface LoadResult {
  sent: number;
  /** answered 200 with data and no error */
  whole: number;
  /** the first failures, as the client saw them (at most 10 kept) */
  failed: { status: number; errors?: unknown }[];
  failures: number;
  /** the slowest answer, ms */
  slowestMs: number;
}

/**
 * Requests sent without pause from `concurrency` loops, each picking the next of `requests`,
 * until stop(): what a client would have seen, counted. `judge` says whether an answer is
 * acceptable (by default: whole).
 */
export function loadLoop(
  requests: { url: string; query: string; token?: string }[],
  options: {
    concurrency?: number;
    maxRequests?: number;
    judge?: (answer: Awaited<ReturnType<typeof post>>, index: number) => boolean;
  } = {},
) {
  const result: LoadResult = { sent: 0, whole: 0, failed: [], failures: 0, slowestMs: 0 };
  // bounded: a loop that only meets instant failures must not run a test machine out of memory
  const maxRequests = options.maxRequests ?? 20_000;
  const fail = (failure: { status: number; errors?: unknown }) => {
    result.failures += 1;
    if (result.failed.length < 10) result.failed.push(failure);
  };
  let running = true;
  const judge = options.judge ?? ((answer) => answer.status === 200 && !answer.body.errors && answer.body.data != null);
  const loops = Array.from({ length: options.concurrency ?? 4 }, async (_, loop) => {
    for (let i = loop; running && result.sent < maxRequests; i += 1) {
      const index = i % requests.length;
      const { url, query, token } = requests[index];
      const started = performance.now();
      result.sent += 1;
      try {
        const answer = await post(url, query, token);
        result.slowestMs = Math.max(result.slowestMs, performance.now() - started);
        if (answer.status === 200 && !answer.body.errors) result.whole += 1;
        if (!judge(answer, index)) fail({ status: answer.status, errors: answer.body.errors });
      } catch (err) {
        fail({ status: 0, errors: String(err) });
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  });
  return {
    result,
    async stop(): Promise<LoadResult> {
      running = false;
      await Promise.all(loops);
      return result;
    },
  };
}

/** Polls until `ready()` is true, and answers how long that took. */
export async function timeUntil(ready: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < withinMs) {
    if (await ready()) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`not ready within ${withinMs} ms`);
}
