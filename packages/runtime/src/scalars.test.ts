import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString, buildSchema, graphql, parseConstValue } from 'graphql';
import { DateScalar, adoptScalarParsing, isIsoDate } from './scalars';

/** The code a refused Date carries, or a description of what was thrown instead. */
function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : `not a GraphQLError: ${String(error)}`;
  }
  return 'accepted';
}

/** isIsoDate accepts exactly the real calendar days written YYYY-MM-DD. */
describe('isIsoDate', () => {
  it.each(['2024-02-29', '2025-12-31', '2025-01-01', '2000-02-29', '2023-12-15'])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each([
    ['2025-02-29', 'no leap day in 2025'],
    ['1900-02-29', 'no leap day in a century year not divisible by 400'],
    ['2025-13-01', 'month 13'],
    ['2025-00-10', 'month 0'],
    ['2025-04-31', 'April has 30 days'],
    ['2025-01-00', 'day 0'],
    ['2025-1-01', 'one-digit month'],
    ['25-01-01', 'two-digit year'],
    ['2025/01/01', 'slashes'],
    ['2025-01-01T00:00:00Z', 'a timestamp, not a date'],
    [' 2025-01-01', 'leading blank'],
    ['', 'empty'],
  ])('refuses %s (%s)', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });

  // Date.UTC would read the years 0–99 as 1900–1999
  it('accepts a real day in the years 0000–0099', () => {
    expect(isIsoDate('0099-12-31')).toBe(true);
  });
});

/** DateScalar keeps dates as ISO strings and refuses anything else with BAD_USER_INPUT. */
describe('DateScalar', () => {
  it('serializes a valid date string unchanged', () => {
    expect(DateScalar.serialize('2025-12-31')).toBe('2025-12-31');
    expect(DateScalar.serialize('2024-02-29')).toBe('2024-02-29');
  });

  it('treats a stored value that is not a calendar date as the server’s fault, not the client’s', () => {
    // a plain error, which maskInternalErrors turns into INTERNAL_SERVER_ERROR
    for (const stored of ['2025-02-29', 20251231, new Date('2025-12-31T00:00:00Z'), new Date(NaN)]) {
      expect(refusal(() => DateScalar.serialize(stored))).toMatch(/^not a GraphQLError: TypeError: Date cannot represent/);
    }
  });

  it('parses a variable value that is a real day and refuses the rest', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(refusal(() => DateScalar.parseValue('2025-02-29'))).toBe('BAD_USER_INPUT');
    expect(refusal(() => DateScalar.parseValue('2025-13-01'))).toBe('BAD_USER_INPUT');
    expect(refusal(() => DateScalar.parseValue(1735603200000))).toBe('BAD_USER_INPUT');
    expect(refusal(() => DateScalar.parseValue({ year: 2025 }))).toBe('BAD_USER_INPUT');
  });

  it('parses a string literal that is a real day and refuses other literals', () => {
    expect(DateScalar.parseLiteral(parseConstValue('"2024-02-29"'))).toBe('2024-02-29');
    expect(refusal(() => DateScalar.parseLiteral(parseConstValue('"2025-02-29"')))).toBe('BAD_USER_INPUT');
    expect(refusal(() => DateScalar.parseLiteral(parseConstValue('20251231')))).toBe('BAD_USER_INPUT');
    expect(refusal(() => DateScalar.parseLiteral(parseConstValue('true')))).toBe('BAD_USER_INPUT');
  });

  it('says what it expected and what it got', () => {
    expect(() => DateScalar.parseValue('2025-13-01')).toThrow(/ISO 8601 calendar date.*"2025-13-01"/);
    expect(() => DateScalar.parseLiteral(parseConstValue('20251231'))).toThrow(/Date must be a string/);
  });

  it('reaches a client as a BAD_USER_INPUT error when a query holds an impossible date', async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: { echo: { type: GraphQLString, args: { on: { type: DateScalar } }, resolve: (_root, args: { on: string }) => args.on } },
      }),
    });
    const good = await graphql({ schema, source: '{ echo(on: "2024-02-29") }' });
    expect(good).toEqual({ data: { echo: '2024-02-29' } });
    const bad = await graphql({ schema, source: '{ echo(on: "2025-02-29") }' });
    expect(bad.data).toBeUndefined();
    expect(bad.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0].locations).toEqual([{ line: 1, column: 12 }]);
  });
});

/** adoptScalarParsing: a schema built from SDL (the gateway's) refuses what the kit's scalars refuse, and says which scalars it cannot check. */
describe('adoptScalarParsing', () => {
  const sdlSchema = () => buildSchema('scalar Date scalar Colour type Query { echo(on: Date, in: Colour): String }');

  it('makes a bad Date literal or variable a client error, and leaves output alone', async () => {
    const schema = sdlSchema();
    const echo = (source: string, variableValues?: Record<string, unknown>) =>
      graphql({ schema, source, variableValues, rootValue: { echo: ({ on }: { on: string }) => on } });
    expect((await echo('{ echo(on: "2025-02-30") }')).errors).toBeUndefined(); // SDL scalars accept anything
    expect(adoptScalarParsing(schema)).toEqual(['Colour']);
    expect((await echo('{ echo(on: "2025-02-30") }')).errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect((await echo('query ($d: Date) { echo(on: $d) }', { d: 20250228 })).errors?.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Variable "\$d" got invalid value 20250228; Date must be/),
    ]);
    expect(await echo('query ($d: Date) { echo(on: $d) }', { d: '2024-02-29' })).toEqual({ data: { echo: '2024-02-29' } });
    expect(schema.getType('Date')).not.toBe(DateScalar);
    expect((schema.getType('Date') as typeof DateScalar).serialize('anything')).toBe('anything');
  });
});
