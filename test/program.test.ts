import { DEFAULT_PROGRAM } from '@skills-sichuan/subgraph-kit';
import { generateProgram } from './program';

/**
 * The province the four subgraphs generate separately is one province: no id of one
 * subgraph's records is reused by another's, and every id one subgraph points at is another's.
 */
describe.each([
  ['the default program', DEFAULT_PROGRAM],
  ['seed 7 at scale 0.3', { seed: 7, scale: 0.3 }],
])('%s, composed from the four generators', (_label, options) => {
  const program = generateProgram(options);

  it('has every id unique across all four subgraphs', () => {
    const ids = [
      ...program.brands,
      ...program.organizations,
      ...program.bases,
      ...program.institutions,
      ...program.assessments,
      ...program.trainingPrograms,
    ].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('points only at records another subgraph generates', () => {
    const brands = new Set(program.brands.map((b) => b.id));
    const subjects = new Set([...program.bases.map((b) => `Base ${b.id}`), ...program.institutions.map((i) => `Institution ${i.id}`)]);
    expect(program.bases.filter((b) => !brands.has(b.brandId))).toEqual([]);
    expect(program.assessments.filter((a) => !subjects.has(`${a.subjectType} ${a.subjectId}`))).toEqual([]);
    expect(program.trainingPrograms.filter((p) => !subjects.has(`${p.providerType} ${p.providerId}`) || !brands.has(p.brandId))).toEqual(
      [],
    );
  });
});
