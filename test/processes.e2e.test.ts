import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { FIRST_QUERY, signToken, tokenConfigFromEnv } from '@skills-sichuan/gateway';
import { Role } from '@skills-sichuan/runtime';
import { startStack, type Stack } from '../scripts/stack';
import { post, timeUntil } from './partners';
import { generateProgram } from './program';
import { usingPostgres, type Json } from './graph';
import { NATS_ACK_WAIT_MS } from '../packages/subgraph-kit/src/events/transports';
import { identityCheckCharacter } from '../subgraphs/training/src/trainee/identity-number';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const program = generateProgram({ seed: 20231215, scale: 0.05 });
const base = program.bases.find((b) => b.status === 'ACTIVE' && b.tier === 'MAIN')!;
const brand = program.brands.find((b) => b.id === base.brandId)!;

/** An OTLP/HTTP receiver on this machine: what the services export, span by span. */
async function traceReceiver() {
  const spans: { traceId: string; name: string; service: string; attributes: Record<string, unknown> }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json;
      for (const resource of body.resourceSpans ?? []) {
        const service = resource.resource.attributes.find((a: Json) => a.key === 'service.name')?.value.stringValue;
        for (const scope of resource.scopeSpans ?? [])
          for (const span of scope.spans ?? [])
            spans.push({
              traceId: span.traceId,
              name: span.name,
              service,
              attributes: Object.fromEntries((span.attributes ?? []).map((a: Json) => [a.key, Object.values(a.value)[0]])),
            });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, close: () => new Promise((r) => server.close(r)) };
}

const identity = (n: number) => {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
  const first17 = `510104199${Math.floor(n / 336) % 10}${month}${day}${String(n % 1000).padStart(3, '0')}`;
  return first17 + identityCheckCharacter(first17);
};

/**
 * The graph as `npm start` runs it, five real processes: one trace per request across them,
 * a crashed subgraph started again by the launcher, an import killed in the middle leaving no
 * half batch, and Ctrl-C stopping everything.
 */
describe('the graph as processes', () => {
  let stack: Stack;
  let receiver: Awaited<ReturnType<typeof traceReceiver>>;
  let admin: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-'));

  beforeAll(async () => {
    receiver = await traceReceiver();
    stack = await startStack({
      dataDir,
      postgresUrl: usingPostgres ? POSTGRES_URL : undefined,
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        // every SQL statement logged: the test kills the training subgraph as its import's first INSERT is sent
        LOG_LEVEL: 'trace',
        // long enough for a change to be made while a killed subgraph is down
        RESTART_BACKOFF_MS: '1500',
      },
    });
    const config = tokenConfigFromEnv({ DEVELOPMENT: 'true', DATA_DIR: dataDir });
    admin = await signToken({ role: Role.PROVINCIAL_ADMIN, sub: 'dept-admin' }, config, 600);
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('traces one request across the gateway and the subgraphs, with a span per fetch and per SQL statement, no parameters in them', async () => {
    const answer = await post(stack.gatewayUrl, FIRST_QUERY);
    expect(answer.body.errors).toBeUndefined();
    // the services export in batches, about every second
    const requestSpan = () => receiver.spans.find((s) => s.service === 'gateway' && s.name === 'gateway.request');
    const traced = () => receiver.spans.filter((s) => s.traceId === requestSpan()?.traceId);
    const everyService = () => new Set(traced().map((s) => s.service)).size === 4;
    await timeUntil(async () => everyService() && traced().some((s) => s.service === 'evaluation' && /SELECT/.test(s.name)), 15_000);
    const trace = traced();
    const services = new Set(trace.map((s) => s.service));
    expect([...services].sort()).toEqual(['bases', 'brands', 'evaluation', 'gateway']);
    expect(
      trace
        .filter((s) => s.name === 'gateway.fetch')
        .map((s) => s.attributes.service)
        .sort(),
    ).toEqual(['bases', 'brands', 'evaluation']);
    const sql = trace.filter((s) => s.attributes['db.statement']);
    expect(sql.length).toBeGreaterThanOrEqual(3);
    // the brand's name is a parameter of brands' statement: it never reaches a span
    expect(JSON.stringify(sql)).not.toContain('天府数智工匠');
  });

  it('starts a killed subgraph again, says so, and the graph answers whole again', async () => {
    const before = stack.pid('bases');
    process.kill(before, 'SIGKILL');
    await stack.waitFor(/bases exited \(SIGKILL\); restarting it in 1500 ms/, 10_000);
    await stack.waitFor(/bases is back/, 60_000);
    expect(stack.pid('bases')).not.toBe(before);
    // signed in: a public read would be answered from the last good answer meanwhile
    await timeUntil(async () => !(await post(stack.gatewayUrl, FIRST_QUERY, admin)).body.errors, 10_000);
  });

  it('a training subgraph killed in the middle of a 5,000-record import leaves no half batch, and what was committed before', async () => {
    const IMPORT = 'mutation ($csv: String!) { importTrainingRecords(csv: $csv) { imported } }';
    const header = 'program_id,trainee_name,identity_number,completed_on';
    /** a program with ten records committed, then an import of 5,000 more with the training process SIGKILLed at its first INSERT */
    const killedImport = async (attempt: number) => {
      // after a kill the gateway's circuit for training opens; it is called again once its probes pass
      await timeUntil(
        async () => !(await post(stack.gatewayUrl, '{ trainingPrograms(first: 1) { totalCount } }', admin)).body.errors,
        20_000,
      );
      const registered = await post(
        stack.gatewayUrl,
        'mutation ($input: RegisterTrainingProgramInput!) { registerTrainingProgram(input: $input) { id } }',
        admin,
        {
          input: {
            brandId: brand.id,
            baseId: base.id,
            occupation: brand.occupations[0],
            level: 4,
            startOn: '2025-03-01',
            endOn: '2025-03-20',
            capacity: 9000,
          },
        },
      );
      expect(registered.body.errors).toBeUndefined();
      const programId: string = registered.body.data.registerTrainingProgram.id;
      await post(stack.gatewayUrl, 'mutation ($id: ID!) { changeTrainingProgramStatus(id: $id, status: ONGOING) { status } }', admin, {
        id: programId,
      });
      const first = attempt * 10_000;
      const rows = (from: number, count: number) =>
        Array.from({ length: count }, (_, i) => `${programId},学员${from + i},${identity(first + from + i)},2025-03-20`);
      // committed before: ten records
      const committed = await post(stack.gatewayUrl, IMPORT, admin, { csv: [header, ...rows(0, 10)].join('\n') });
      expect(committed.body.data).toEqual({ importTrainingRecords: { imported: 10 } });

      // the table is schema-qualified on PostgreSQL
      const inserting = stack.waitFor(/training\s+trace\s+sql \{"sql":"INSERT INTO (\\"training\\"\.)?\\"training_record\\"/, 60_000, {
        fromNow: true,
      });
      const importing = post(stack.gatewayUrl, IMPORT, admin, { csv: [header, ...rows(10, 5_000)].join('\n') });
      await inserting;
      process.kill(stack.pid('training'), 'SIGKILL');
      const answer = await importing;
      await stack.waitFor(/training is back/, 60_000, { fromNow: true });
      return { programId, told: answer.body.data?.importTrainingRecords ?? null };
    };

    // the kill lands some milliseconds after the INSERT is logged, and the commit can beat it (a quiet machine, or the test's own
    // process kept busy by a parallel suite's): then the batch is whole and the client was told so; try again, at most six times
    for (let attempt = 0; attempt < 6; attempt++) {
      const { programId, told } = await killedImport(attempt);
      const counted = await countRecords(programId);
      expect(counted.personTimes).toBe(counted.records);
      if (told === null) {
        // the client is told it did not happen, and nothing of the batch is there: the ten committed before are
        expect(counted.records).toBe(10);
        return;
      }
      expect(told).toEqual({ imported: 5_000 });
      expect(counted.records).toBe(5_010);
    }
    throw new Error('six imports committed before the kill: none was killed in the middle');
  }, 300_000);

  /** read straight from the training subgraph's database, as an operator would after the crash */
  async function countRecords(programId: string): Promise<{ records: number; personTimes: number }> {
    const db = usingPostgres
      ? new DataSource({ type: 'postgres', url: stack.databaseUrl, extra: { options: '-c search_path=training' } })
      : new DataSource({ type: 'better-sqlite3', database: path.join(dataDir, 'training.sqlite'), readonly: true });
    await db.initialize();
    try {
      const [row] = await db.query(
        `SELECT (SELECT COUNT(*) FROM training_record WHERE program_id = '${programId}') AS records, (SELECT person_times FROM training_program WHERE id = '${programId}') AS "personTimes"`,
      );
      return { records: Number(row.records), personTimes: Number(row.personTimes) };
    } finally {
      await db.destroy();
    }
  }

  it('a revocation made while brands is down reaches its licences when brands is back, once', async () => {
    await revocationWhileBrandsIsDown(stack, admin, dataDir, 0);
  }, 180_000);

  it('stops every process on Ctrl-C, and exits 0', async () => {
    const pids = (['brands', 'bases', 'training', 'evaluation', 'gateway'] as const).map((name) => stack.pid(name));
    expect(await stack.stop()).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});

/** With a broker configured (NATS JetStream, which runs on this machine), the same change reaches its consumer that was down. */
describe('events through NATS JetStream', () => {
  const stream = `T${process.pid}_${Date.now() % 100_000}`;
  let stack: Stack;
  let admin: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-'));
  beforeAll(async () => {
    stack = await startStack({
      dataDir,
      postgresUrl: usingPostgres ? POSTGRES_URL : undefined,
      env: { EVENT_BROKER: 'nats://127.0.0.1:4222', EVENT_STREAM: stream, RESTART_BACKOFF_MS: '1500' },
    });
    admin = await signToken(
      { role: Role.PROVINCIAL_ADMIN, sub: 'dept-admin' },
      tokenConfigFromEnv({ DEVELOPMENT: 'true', DATA_DIR: dataDir }),
      600,
    );
  });
  afterAll(async () => {
    await stack?.stop();
    const { connect } = await import('@nats-io/transport-node');
    const { jetstreamManager } = await import('@nats-io/jetstream');
    const connection = await connect({ servers: '127.0.0.1:4222' });
    await (await jetstreamManager(connection)).streams.delete(stream).catch(() => undefined);
    await connection.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a revocation made while brands is down reaches its licences when brands is back, once', async () => {
    await revocationWhileBrandsIsDown(stack, admin, dataDir, 1);
  }, 180_000);
});

/** the ACTIVE auxiliary bases whose organisation runs nothing else: their licences rest on them alone */
function loneBases() {
  return program.bases.filter(
    (b) =>
      b.status === 'ACTIVE' &&
      b.tier === 'AUXILIARY' &&
      program.bases.filter((o) => o.operatorId === b.operatorId && o.status === 'ACTIVE').length === 1 &&
      !program.institutions.some((i) => i.organizationId === b.operatorId && i.status === 'ACTIVE'),
  );
}

/**
 * Kills the brands process, revokes a base while it is down (bases commits the decision and
 * its event together), and finds, once the launcher has brought brands back, the base's licence
 * revoked by that decision and the event in brands' inbox exactly once.
 */
async function revocationWhileBrandsIsDown(stack: Stack, admin: string, dataDir: string, nth: number) {
  const licencesOf = async (organizationId: string) =>
    (
      await post(
        stack.gatewayUrl,
        `query ($id: ID!) { organization(id: $id) { usageLicences { id status revokedByDecisionId } } }`,
        admin,
        { id: organizationId },
      )
    ).body.data?.organization?.usageLicences as Json[] | null;
  // the nth lone base holding an ACTIVE licence (a pilot's may have expired)
  const holders = [];
  for (const candidate of loneBases())
    if ((await licencesOf(candidate.operatorId))?.some((l) => l.status === 'ACTIVE')) holders.push(candidate);
  const base = holders[nth];
  const licences = () => licencesOf(base.operatorId);
  process.kill(stack.pid('brands'), 'SIGKILL');
  await stack.waitFor(/brands exited \(SIGKILL\); restarting it/, 10_000, { fromNow: true });
  const revoked = await post(stack.gatewayUrl, 'mutation ($input: RosterAdjustmentInput!) { adjustRoster(input: $input) { id } }', admin, {
    input: {
      subjectType: 'BASE',
      subjectId: base.id,
      action: 'REVOKE',
      reason: 'MAJOR_VIOLATION',
      explanation: '发生重大违规行为，取消资格',
      decisionReference: '川人社函〔2026〕30号',
    },
  });
  expect(revoked.body.errors).toBeUndefined();
  const decision = revoked.body.data.adjustRoster.id;
  await stack.waitFor(/brands is back/, 60_000, { fromNow: true });
  // through NATS, an event the killed brands was handed before its connection was seen closed comes again after the ack wait
  await timeUntil(async () => ((await licences()) ?? []).some((l) => l.revokedByDecisionId === decision), NATS_ACK_WAIT_MS + 15_000);
  expect((await licences())!.some((l) => l.status === 'ACTIVE')).toBe(false);
  // once in effect: one inbox row for the decision's event, read straight from brands' database
  const db = stack.databaseUrl
    ? new DataSource({ type: 'postgres', url: stack.databaseUrl, extra: { options: '-c search_path=brands' } })
    : new DataSource({ type: 'better-sqlite3', database: path.join(dataDir, 'brands.sqlite'), readonly: true });
  await db.initialize();
  try {
    const rows = await db.query(`SELECT COUNT(*) AS n FROM usage_licence WHERE revoked_by_decision_id = '${decision}'`);
    expect(Number(rows[0].n)).toBeGreaterThan(0);
    const inbox = await db.query(`SELECT COUNT(*) AS n FROM event_inbox WHERE type = 'roster.subject-disqualified'`);
    const applied = await db.query(`SELECT COUNT(DISTINCT id) AS n FROM event_inbox WHERE type = 'roster.subject-disqualified'`);
    expect(Number(inbox[0].n)).toBe(Number(applied[0].n));
  } finally {
    await db.destroy();
  }
}

/** A service that cannot stay up is given up on, loudly, after a few tries; the launcher stops everything and fails. */
describe('a service crashing again and again', () => {
  it('is restarted with backoff, then given up on', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-'));
    // the training subgraph's port is taken: every start of it fails at once
    const squatter = http.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as AddressInfo).port;
    try {
      await expect(
        startStack({
          dataDir,
          env: { SUBGRAPH_TRAINING_URL: `http://127.0.0.1:${port}/graphql`, RESTART_BACKOFF_MS: '50', RESTART_LIMIT: '3' },
          readyMs: 60_000,
        }),
      ).rejects.toThrow(/training crashed 3 times within a minute \(last: code 1\); giving up and stopping everything/);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
