import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';

/** The names of the subgraphs a supergraph was composed from: its `enum join__Graph { X @join__graph(name: "x", …) }`. */
export function subgraphNames(supergraphSdl: string): Set<string> {
  const joinGraph = parse(supergraphSdl).definitions.find(
    (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph',
  );
  const names = new Set<string>();
  for (const value of joinGraph?.values ?? []) {
    const name = value.directives?.find((d) => d.name.value === 'join__graph')?.arguments?.find((a) => a.name.value === 'name')?.value;
    if (name?.kind === Kind.STRING) names.add(name.value);
  }
  return names;
}
