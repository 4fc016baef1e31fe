import { createHash } from 'node:crypto';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { dashboardOperations } from '../dashboard/dashboard';
import { IDE_EXAMPLES } from '../ide/examples';

/** A client's operation the graph promises to keep answering: the partner checks refuse a change that breaks one. */
export interface RegisteredOperation {
  /** the client that sends it, e.g. "ide", "dashboard" */
  client: string;
  name: string;
  document: string;
}

export const documentHash = (document: string) => createHash('sha256').update(document, 'utf8').digest('hex');

/** The operation's name in its document, or why the document cannot be registered. */
export function operationNameOf(document: string): string {
  const operations = parse(document).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) throw new Error(`a registered document holds exactly one operation, this one holds ${operations.length}`);
  const name = operations[0].name?.value;
  if (!name) throw new Error('a registered operation needs a name');
  return name;
}

let builtIn: RegisteredOperation[] | undefined;

/** The operations that ship with the gateway: the IDE's examples (the first query among them) and the dashboard's. */
export function builtInOperations(): RegisteredOperation[] {
  builtIn ??= [...IDE_EXAMPLES.map((document) => ({ client: 'ide', name: operationNameOf(document), document })), ...dashboardOperations()];
  return builtIn;
}
