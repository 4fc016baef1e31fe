/**
 * The gateway runs on the runtime package alone: starting it loads no ORM, no database
 * driver and no schema-building library (they belong to the subgraphs).
 */
// each records that it was loaded, then is the real module
const mockLoaded: string[] = [];
jest.mock('typeorm', () => (mockLoaded.push('typeorm'), jest.requireActual('typeorm')));
jest.mock('better-sqlite3', () => (mockLoaded.push('better-sqlite3'), jest.requireActual('better-sqlite3')));
jest.mock('pg', () => (mockLoaded.push('pg'), jest.requireActual('pg')));
jest.mock('type-graphql', () => (mockLoaded.push('type-graphql'), jest.requireActual('type-graphql')));

describe("the gateway's footprint", () => {
  beforeEach(() => {
    mockLoaded.length = 0;
    jest.resetModules();
  });

  it('loads none of typeorm, better-sqlite3, pg or type-graphql from its entry', async () => {
    await jest.isolateModulesAsync(async () => {
      await import('@skills-sichuan/gateway');
    });
    expect(mockLoaded).toEqual([]);
  });

  it('would see them if it did: the subgraph kit loads typeorm and type-graphql', async () => {
    await jest.isolateModulesAsync(async () => {
      await import('@skills-sichuan/subgraph-kit');
    });
    expect(mockLoaded).toEqual(expect.arrayContaining(['typeorm', 'type-graphql']));
  });
});
