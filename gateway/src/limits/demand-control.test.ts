import fs from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { getIntrospectionQuery, graphqlSync, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { SCHEMA_DIR } from '../config';
import { introspectionDemand, schemaDemand, undeclaredLists } from './demand-control';
import { measureOperation } from './operation-limits';

const supergraphSdl = fs.readFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
const apiSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
const declared = schemaDemand(supergraphSdl);
const introspection = introspectionDemand(apiSchema);

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const demandOf = (type: string, field: string) => introspection.get(`${type}.${field}`) ?? declared.get(`${type}.${field}`);
  return Math.round(measureOperation(apiSchema, operation, fragments, variables, demandOf).cost);
}

/** The sizes the cost estimate uses come from the schema: every list declares one, and the estimate follows it. */
describe('demand control', () => {
  it('bounds every list of objects in the supergraph: by `first`, or by @listSize', () => {
    expect(undeclaredLists(apiSchema, declared)).toEqual([]);
  });

  it('reads @listSize from the supergraph, since the API schema drops it', () => {
    expect(supergraphSdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/cost\/v0\.1"/);
    expect(apiSchema.getDirective('listSize')).toBeUndefined();
    expect(declared.get('Brand.bases')).toEqual({ assumedSize: 50 });
    expect(declared.get('Base.trainingPrograms')).toEqual({ assumedSize: 250 });
    expect(declared.get('Query.cities')).toEqual({ assumedSize: 21 });
  });

  it('estimates the lists at their declared sizes, and a page at what it asks', () => {
    // 30 brands × (1 + 50 bases × (1 id + 1 + 250 programs × (1 + 1 id)))
    expect(cost('{ brands { bases { id trainingPrograms { id } } } }')).toBe(30 * (1 + 50 * (2 + 250 * 2)));
    expect(cost('query ($n: Int) { trainingPrograms(first: $n) { nodes { id } } }', { n: 7 })).toBe(1 + 7 * 2);
  });

  it('estimates the standard introspection query near the size of its answer', () => {
    const answer = graphqlSync({ schema: apiSchema, source: getIntrospectionQuery() }).data;
    let values = 0;
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const child of Object.values(v)) {
          values += 1;
          walk(child);
        }
    };
    walk(answer);
    const estimate = cost(getIntrospectionQuery());
    expect(estimate).toBeGreaterThan(values * 0.7);
    expect(estimate).toBeLessThan(values * 1.5);
    expect(introspection.get('__Schema.types')).toEqual({ assumedSize: Object.keys(apiSchema.getTypeMap()).length });
  });
});
