/**
 * The gateway runs on the runtime and the database package (its partner registry): loading it
 * loads no schema-building library and none of the subgraphs' kit.
 */
// each records that it was loaded, then is the real module
const mockLoaded: string[] = [];
jest.mock('typeorm', () => (mockLoaded.push('typeorm'), jest.requireActual('typeorm')));
jest.mock('better-sqlite3', () => (mockLoaded.push('better-sqlite3'), jest.requireActual('better-sqlite3')));
jest.mock('pg', () => (mockLoaded.push('pg'), jest.requireActual('pg')));
jest.mock('type-graphql', () => (mockLoaded.push('type-graphql'), jest.requireActual('type-graphql')));
jest.mock('dataloader', () => (mockLoaded.push('dataloader'), jest.requireActual('dataloader')));

describe("the gateway's footprint", () => {
  beforeEach(() => {
    mockLoaded.length = 0;
    jest.resetModules();
  });

  it('loads neither type-graphql nor the kit’s dataloader from its entry; TypeORM only for its own store', async () => {
    await jest.isolateModulesAsync(async () => {
      await import('@skills-sichuan/gateway');
    });
    expect(mockLoaded).not.toContain('type-graphql');
    expect(mockLoaded).not.toContain('dataloader');
    expect(mockLoaded).toContain('typeorm');
  });

  it('would see them if it did: the subgraph kit loads typeorm and type-graphql', async () => {
    await jest.isolateModulesAsync(async () => {
      await import('@skills-sichuan/subgraph-kit');
    });
    expect(mockLoaded).toEqual(expect.arrayContaining(['typeorm', 'type-graphql']));
  });
});
