import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { badInput, conflict, constraintViolated, DomainError, ErrorCode, isIsoDate, notFound, Role } from '@skills-sichuan/runtime';
import {
  checkCityCode,
  insertMany,
  mapNodes,
  paginate,
  textProblem,
  todayInChina,
  type Page,
  type PageArgs,
  type RequestContext,
} from '@skills-sichuan/subgraph-kit';
import { assertMayActFor } from '../provider/provider.service';
import { TrainingProgram, TrainingProgramStatus } from '../program/training-program.entity';
import { programById } from '../program/training-program.loader';
import { identityNumberProblem, normalizeIdentityNumber, phoneProblem } from '../trainee/identity-number';
import { personalDataVault } from '../trainee/personal-data';
import { parseCsv } from './csv';
import { CertificateType, EmploymentOutcome, TrainingRecord } from './training-record.entity';
import { countsOf, ProgramTally } from './outcome-counts';
import type { RecordTrainingInput, TrainingRecordFilterArgs, UpdateTrainingOutcomeInput } from './training-record.input';
import { mayUnmask, recordView, type TrainingRecordView } from './training-record.view';

/** the most rows one import takes; the gateway's bulk body limit (MAX_BULK_BODY_BYTES, 960 KiB) admits them with every column */
export const MAX_IMPORT_ROWS = 5_000;

/** The CSV columns, by their English and Chinese headers. */
const COLUMNS = {
  program_id: ['program_id', '培训班编号'],
  trainee_name: ['trainee_name', '姓名'],
  identity_number: ['identity_number', '身份证号'],
  phone: ['phone', '手机号'],
  completed_on: ['completed_on', '结业日期'],
  certificate: ['certificate', '证书类型'],
  certificate_number: ['certificate_number', '证书编号'],
  employment: ['employment', '就业去向'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['program_id', 'trainee_name', 'identity_number'];

/** A record to write, with where it came from (a CSV line, or the single mutation). */
interface Candidate {
  line: number;
  programId: string;
  traineeName: string;
  identityNumber: string;
  phone: string | null;
  completedOn: string | null;
  certificate: string | null;
  certificateNumber: string | null;
  employment: string | null;
}

export interface RowProblem {
  line: number;
  column: string;
  message: string;
  code: ErrorCode;
}

const problem = (line: number, column: string, message: string, code: ErrorCode = ErrorCode.BAD_USER_INPUT): RowProblem => ({
  line,
  column,
  message,
  code,
});

/** What is wrong with a candidate's own fields; messages never repeat personal data. `today` is Sichuan's day. */
function fieldProblems(c: Candidate, today: string): RowProblem[] {
  const found: RowProblem[] = [];
  if (!c.programId) found.push(problem(c.line, 'program_id', 'is required'));
  // the kit's character rules (no NUL, bidi override, zero-width character or lone surrogate) before NFC, which would hide a lone surrogate
  const nameProblem = textProblem(c.traineeName);
  const name = c.traineeName.normalize('NFC');
  if (nameProblem) found.push(problem(c.line, 'trainee_name', nameProblem));
  else if (name.length === 0 || name.length > 40) found.push(problem(c.line, 'trainee_name', 'must be 1 to 40 characters'));
  const identity = identityNumberProblem(c.identityNumber);
  if (identity) found.push(problem(c.line, 'identity_number', identity));
  if (c.phone !== null) {
    const phone = phoneProblem(c.phone);
    if (phone) found.push(problem(c.line, 'phone', phone));
  }
  if (c.completedOn !== null && !isIsoDate(c.completedOn)) found.push(problem(c.line, 'completed_on', 'must be a date such as 2025-06-30'));
  else if (c.completedOn !== null && c.completedOn > today)
    found.push(problem(c.line, 'completed_on', `may not be after today (${today})`));
  if (c.certificate !== null && !(c.certificate in CertificateType))
    found.push(problem(c.line, 'certificate', `must be one of ${Object.keys(CertificateType).join(', ')}`));
  if (c.certificate !== null && c.completedOn === null)
    found.push(problem(c.line, 'certificate', 'only a completed training earns a certificate: give completed_on'));
  if (c.certificateNumber !== null && (c.certificate === null || c.certificateNumber.length > 40))
    found.push(problem(c.line, 'certificate_number', 'needs a certificate and at most 40 characters'));
  else if (c.certificateNumber !== null && textProblem(c.certificateNumber))
    found.push(problem(c.line, 'certificate_number', textProblem(c.certificateNumber)!));
  if (c.employment !== null && !(c.employment in EmploymentOutcome))
    found.push(problem(c.line, 'employment', `must be one of ${Object.keys(EmploymentOutcome).join(', ')}`));
  return found;
}

/**
 * Checks a batch against the rules and the database (one statement for the programs, one
 * for trainees already recorded) and builds its rows. A program of another organisation
 * or city refuses the whole batch (FORBIDDEN); every other problem is reported by line.
 */
async function prepare(
  ctx: RequestContext,
  candidates: Candidate[],
  act: string,
): Promise<{ rows: TrainingRecord[]; added: Map<string, number>; problems: RowProblem[] }> {
  const today = todayInChina();
  const problems = candidates.flatMap((c) => fieldProblems(c, today));
  const bad = new Set(problems.map((p) => p.line));
  const programIds = [...new Set(candidates.map((c) => c.programId).filter(Boolean))];
  const programs = new Map(
    (programIds.length ? await ctx.db.getRepository(TrainingProgram).findBy({ id: In(programIds) }) : []).map((p) => [p.id, p]),
  );
  for (const program of programs.values()) {
    assertMayActFor(ctx, { organizationId: program.providerOrganizationId, cityCode: program.cityCode }, act);
    // who writes by identity number must be one who may read the program's numbers: the
    // one-person-once rule answers "already recorded", which confirms a number to anyone else
    if (!mayUnmask(ctx.viewer, program))
      throw new DomainError(ErrorCode.FORBIDDEN, `${act}: records are written by the program's BASE_OPERATOR or PROVINCIAL_ADMIN`, {
        reason: 'MASKED_DATA',
      });
  }

  const vault = personalDataVault();
  const hashes = new Map<number, string>();
  for (const c of candidates) if (!bad.has(c.line)) hashes.set(c.line, vault.identityHash(c.identityNumber));
  const recorded = new Set<string>();
  if (hashes.size > 0 && programs.size > 0) {
    const existing = await ctx.db.getRepository(TrainingRecord).find({
      select: { programId: true, identityHash: true },
      where: { programId: In([...programs.keys()]), identityHash: In([...new Set(hashes.values())]) },
    });
    for (const r of existing) recorded.add(`${r.programId}|${r.identityHash}`);
  }

  const seen = new Map<string, number>();
  const added = new Map<string, number>();
  const rows: TrainingRecord[] = [];
  for (const c of candidates) {
    const program = programs.get(c.programId);
    if (c.programId && !program) {
      problems.push(problem(c.line, 'program_id', `no training program has id ${c.programId}`, ErrorCode.NOT_FOUND));
      continue;
    }
    if (!program || bad.has(c.line)) continue;
    if (program.status === TrainingProgramStatus.PLANNED || program.status === TrainingProgramStatus.CANCELLED) {
      problems.push(
        problem(
          c.line,
          'program_id',
          `the program is ${program.status}: records are kept for ONGOING and COMPLETED programs`,
          ErrorCode.INVALID_TRANSITION,
        ),
      );
      continue;
    }
    if (c.completedOn !== null && c.completedOn < program.startOn) {
      problems.push(problem(c.line, 'completed_on', `is before the program starts (${program.startOn})`));
      continue;
    }
    const key = `${program.id}|${hashes.get(c.line)}`;
    if (recorded.has(key)) {
      problems.push(problem(c.line, 'identity_number', 'this trainee is already recorded in this program', ErrorCode.CONFLICT));
      continue;
    }
    if (seen.has(key)) {
      problems.push(
        problem(c.line, 'identity_number', `the same trainee is on line ${seen.get(key)} for this program`, ErrorCode.CONFLICT),
      );
      continue;
    }
    seen.set(key, c.line);
    const count = (added.get(program.id) ?? 0) + 1;
    if (program.personTimes + count > program.capacity) {
      problems.push(
        problem(
          c.line,
          'program_id',
          `the program is full: ${program.capacity} places, ${program.personTimes} recorded`,
          ErrorCode.CONFLICT,
        ),
      );
      continue;
    }
    added.set(program.id, count);
    const personal = vault.protect({ identityNumber: c.identityNumber, phone: c.phone });
    rows.push(
      Object.assign(new TrainingRecord(), {
        id: randomUUID(),
        programId: program.id,
        completed: c.completedOn !== null,
        completedOn: c.completedOn,
        traineeName: c.traineeName.normalize('NFC'),
        identityHash: personal.identityHash,
        identityMasked: personal.identityMasked,
        phoneMasked: personal.phoneMasked,
        personalCipher: personal.personalCipher,
        certificate: (c.certificate as CertificateType | null) ?? null,
        certificateNumber: c.certificateNumber,
        employment: (c.employment as EmploymentOutcome | null) ?? null,
      }),
    );
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, added, problems };
}

/** Writes the records and their programs' rollup (person-times and outcomes) in one transaction: all of them or nothing. */
async function write(ctx: RequestContext, rows: TrainingRecord[]): Promise<void> {
  const tally = new ProgramTally();
  for (const row of rows) tally.add(row.programId, countsOf(row));
  try {
    await ctx.db.transaction(async (manager) => {
      await insertMany(manager, TrainingRecord, rows);
      await tally.addTo(manager);
    });
  } catch (err) {
    const broken = constraintViolated(err);
    // a concurrent write got there first: the checks above passed, the database refused
    if (broken === 'unique') throw conflict('a trainee is already recorded in this program');
    if (broken === 'check') throw conflict('the program is full');
    throw err;
  }
}

const orNull = (value: string | null | undefined) => {
  const text = value?.trim();
  return text ? text : null;
};

export async function recordTraining(ctx: RequestContext, input: RecordTrainingInput): Promise<TrainingRecordView> {
  const candidate: Candidate = {
    line: 1,
    programId: input.programId,
    traineeName: input.traineeName.trim(),
    identityNumber: normalizeIdentityNumber(input.identityNumber),
    phone: orNull(input.phone),
    completedOn: input.completedOn ?? null,
    certificate: input.certificate ?? null,
    certificateNumber: orNull(input.certificateNumber),
    employment: input.employment ?? null,
  };
  const { rows, problems } = await prepare(ctx, [candidate], 'recordTraining');
  if (problems.length > 0) {
    const [first] = problems;
    const field =
      {
        program_id: 'programId',
        trainee_name: 'traineeName',
        identity_number: 'identityNumber',
        completed_on: 'completedOn',
        certificate_number: 'certificateNumber',
      }[first.column] ?? first.column;
    throw new DomainError(first.code, `${field} ${first.message}`, { field });
  }
  await write(ctx, rows);
  const program = await ctx.loaders.of(programById).load(input.programId);
  return recordView(rows[0], program!, ctx.viewer);
}

/**
 * A CSV file of records as a base sends it (header row first: English or Chinese column
 * names). Every row is checked; when any is bad, nothing is written and the error lists
 * the bad rows by line.
 */
export async function importTrainingRecords(ctx: RequestContext, csv: string): Promise<{ imported: number; programs: number }> {
  let parsed;
  try {
    parsed = parseCsv(csv);
  } catch (err) {
    throw badInput(`the CSV is malformed: ${(err as Error).message}`);
  }
  const [header, ...body] = parsed;
  if (!header) throw badInput('the CSV is empty: it needs a header row and at least one record');
  const names = header.fields.map((f) => f.trim());
  const index = new Map<Column, number>();
  for (const [column, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const at = names.findIndex((n) => aliases.includes(n));
    if (at >= 0) index.set(column, at);
  }
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0)
    throw badInput(`line ${header.line}: the header lacks ${missing.join(', ')} (columns: ${Object.keys(COLUMNS).join(', ')})`);
  if (body.length === 0) throw badInput('the CSV has a header but no records');
  if (body.length > MAX_IMPORT_ROWS)
    throw badInput(`one import takes at most ${MAX_IMPORT_ROWS} records, got ${body.length}: split the file`);

  const candidates: Candidate[] = [];
  const shapeProblems: RowProblem[] = [];
  for (const row of body) {
    if (row.fields.length !== names.length) {
      shapeProblems.push(problem(row.line, '*', `has ${row.fields.length} fields, the header ${names.length}`));
      continue;
    }
    const get = (column: Column) => (index.has(column) ? orNull(row.fields[index.get(column)!]) : null);
    candidates.push({
      line: row.line,
      programId: get('program_id') ?? '',
      traineeName: get('trainee_name') ?? '',
      identityNumber: normalizeIdentityNumber(get('identity_number') ?? ''),
      phone: get('phone'),
      completedOn: get('completed_on'),
      certificate: get('certificate'),
      certificateNumber: get('certificate_number'),
      employment: get('employment'),
    });
  }
  const { rows, added, problems } = await prepare(ctx, candidates, 'importTrainingRecords');
  const all = [...shapeProblems, ...problems].sort((a, b) => a.line - b.line);
  if (all.length > 0) {
    const lines = new Set(all.map((p) => p.line)).size;
    const shown = all
      .slice(0, 10)
      .map((p) => `line ${p.line}: ${p.column} ${p.message}`)
      .join('; ');
    throw badInput(
      `${lines} of ${body.length} records are invalid; nothing was imported. ${shown}${all.length > 10 ? `; … ${all.length - 10} more` : ''}`,
      {
        reason: 'INVALID_ROWS',
        rows: all.slice(0, 100).map(({ line, column, message, code }) => ({ line, column, message, code })),
      },
    );
  }
  await write(ctx, rows);
  ctx.log.info({ records: rows.length, programs: added.size }, 'imported training records');
  return { imported: rows.length, programs: added.size };
}

/** Records the viewer may read: a BASE_OPERATOR its organisation's programs', a CITY_ADMIN its city's. */
export async function listTrainingRecords(
  ctx: RequestContext,
  filter: TrainingRecordFilterArgs,
  page: PageArgs,
): Promise<Page<TrainingRecordView>> {
  checkCityCode(filter.cityCode);
  const query = ctx.db.getRepository(TrainingRecord).createQueryBuilder('r').innerJoinAndSelect('r.program', 'p');
  const { viewer } = ctx;
  if (viewer.role === Role.BASE_OPERATOR) query.andWhere('p.provider_organization_id = :org', { org: viewer.organizationId });
  if (viewer.role === Role.CITY_ADMIN) query.andWhere('p.city_code = :viewerCity', { viewerCity: viewer.cityCode });
  if (filter.programId) query.andWhere('r.program_id = :programId', { programId: filter.programId });
  if (filter.cityCode) query.andWhere('p.city_code = :cityCode', { cityCode: filter.cityCode });
  if (filter.identityNumber != null) {
    // Lookup by number answers "is this person recorded?": only for a viewer who sees the numbers
    // of every record it may read (PROVINCIAL_ADMIN; a BASE_OPERATOR reads only its own
    // organisation's, unmasked). To a CITY_ADMIN, who sees them masked, it was an exact-match
    // oracle: 699 guesses of the masked digits recovered a full number in 18 requests.
    if (viewer.role !== Role.PROVINCIAL_ADMIN && viewer.role !== Role.BASE_OPERATOR)
      throw new DomainError(ErrorCode.FORBIDDEN, 'looking records up by identity number is for viewers who may see the numbers', {
        reason: 'MASKED_DATA',
        field: 'identityNumber',
      });
    const identityNumber = normalizeIdentityNumber(filter.identityNumber);
    const wrong = identityNumberProblem(identityNumber);
    if (wrong) throw badInput(`identityNumber ${wrong}`, { field: 'identityNumber' });
    query.andWhere('r.identity_hash = :hash', { hash: personalDataVault().identityHash(identityNumber) });
  }
  const result = await paginate(
    query,
    [
      { column: 'r.program_id', property: 'programId', direction: 'ASC' },
      { column: 'r.id', property: 'id', direction: 'ASC' },
    ],
    page,
    { toOneJoins: true },
  );
  return mapNodes(result, (record) => {
    ctx.loaders.of(programById).prime(record.programId, record.program!);
    return recordView(record, record.program!, viewer);
  });
}

/**
 * Completion, certificate and employment outcome of a record already written: by the
 * program's own organisation's BASE_OPERATOR, a CITY_ADMIN of its city, or PROVINCIAL_ADMIN.
 * Fields left out keep what is stored; the result must hold together (a certificate needs
 * completion, a number needs a certificate, completion between the program's start and today).
 */
export async function updateTrainingOutcome(ctx: RequestContext, input: UpdateTrainingOutcomeInput): Promise<TrainingRecordView> {
  const act = 'updateTrainingOutcome';
  const certificateNumber = orNull(input.certificateNumber);
  if (certificateNumber !== null && certificateNumber.length > 40)
    throw badInput('certificateNumber must be at most 40 characters', { field: 'certificateNumber' });
  return ctx.db.transaction(async (manager) => {
    const record = await manager.getRepository(TrainingRecord).findOne({ where: { id: input.recordId }, relations: { program: true } });
    if (!record) throw notFound(`no training record has id ${input.recordId}`);
    const program = record.program!;
    assertMayActFor(ctx, { organizationId: program.providerOrganizationId, cityCode: program.cityCode }, act);
    if (program.status !== TrainingProgramStatus.ONGOING && program.status !== TrainingProgramStatus.COMPLETED) {
      throw new DomainError(
        ErrorCode.INVALID_TRANSITION,
        `the program is ${program.status}: outcomes are kept for ONGOING and COMPLETED programs`,
        { field: 'recordId' },
      );
    }
    const completedOn = input.completedOn ?? record.completedOn;
    const certificate = input.certificate ?? record.certificate;
    const number = certificateNumber ?? record.certificateNumber;
    if (input.completedOn != null) {
      if (input.completedOn < program.startOn)
        throw badInput(`completedOn is before the program starts (${program.startOn})`, { field: 'completedOn' });
      const today = todayInChina();
      if (input.completedOn > today) throw badInput(`completedOn may not be after today (${today})`, { field: 'completedOn' });
    }
    if (certificate !== null && completedOn === null)
      throw badInput('certificate: only a completed training earns a certificate: give completedOn', { field: 'certificate' });
    if (number !== null && certificate === null) throw badInput('certificateNumber needs a certificate', { field: 'certificateNumber' });
    const changes = {
      completed: completedOn !== null,
      completedOn,
      certificate,
      certificateNumber: number,
      employment: input.employment ?? record.employment,
    };
    await manager.getRepository(TrainingRecord).update({ id: record.id }, changes);
    // the program's outcome counts move with the record: what it counted for out, what it counts for now in
    const tally = new ProgramTally();
    tally.add(program.id, countsOf(record), -1);
    tally.add(program.id, countsOf(changes));
    await tally.addTo(manager);
    ctx.loaders.of(programById).prime(program.id, program);
    return recordView(Object.assign(record, changes), program, ctx.viewer);
  });
}
