/**
 * The whole seeded province, as the four subgraphs generate it, for tests that need ids
 * from more than one subgraph: each generator is the subgraph's own, so these are the
 * records the graph was seeded with.
 */
import { CITIES, type ProgramOptions } from '@skills-sichuan/subgraph-kit';
import { generateBrands } from '@skills-sichuan/brands/seed';
import { generateRoster } from '@skills-sichuan/bases/seed';
import { generateAssessments } from '@skills-sichuan/evaluation/seed';
import { generateTraining } from '@skills-sichuan/training/seed';

export function generateProgram(options: ProgramOptions) {
  const { organizations, bases, institutions } = generateRoster(options);
  const training = generateTraining(options);
  return {
    options,
    brands: generateBrands(options),
    cities: CITIES.map(({ code, name }) => ({ code, name })),
    organizations,
    bases,
    institutions,
    assessments: generateAssessments(options),
    trainingPrograms: training.programs,
    /** one per person-time, program by program */
    trainingRecords: training.records,
  };
}
