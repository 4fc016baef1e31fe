import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCHEMA_DIR } from '@skills-sichuan/gateway';
import { staleSchemaFiles } from './compose';

/** schema/ is generated from the subgraphs' code and committed: it must never drift from it. */
describe('schema/', () => {
  it('matches what the subgraphs serve (run `npm run compose` when this fails)', async () => {
    expect(await staleSchemaFiles()).toEqual([]);
  });

  it('is reported stale when a committed SDL file differs from the code', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-'));
    try {
      for (const file of fs.readdirSync(SCHEMA_DIR)) fs.copyFileSync(path.join(SCHEMA_DIR, file), path.join(copy, file));
      fs.appendFileSync(path.join(copy, 'bases.graphql'), '\n# edited by hand\n');
      const stale = await staleSchemaFiles(copy);
      expect(stale.map((f) => path.basename(f))).toEqual(['bases.graphql']);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
