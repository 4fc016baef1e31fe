import { envInt } from './env';

/** How much one operation may ask of the graph: the gateway enforces these, a subgraph's own reads stay under them. */
export interface OperationLimits {
  /** nesting of fields (introspection counted too; its single-object steps add none) */
  maxDepth: number;
  /** aliased fields, counted as the operation expands */
  maxAliases: number;
  /** directives used, counted as the operation expands */
  maxDirectives: number;
  /** estimated cost: each field 1, times the size of the lists it is inside */
  maxCost: number;
  /** lexical tokens of the document (checked while parsing) */
  maxTokens: number;
  /** characters of any one string, in the document or in the variables */
  maxStringLength: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 20,
  maxCost: 50_000,
  maxTokens: 5_000,
  maxStringLength: 10_000,
};

/** MAX_DEPTH, MAX_ALIASES …: read by the gateway to enforce them and by every subgraph to size its reads, so the two cannot disagree when given the same environment. */
export function operationLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): OperationLimits {
  return {
    maxDepth: envInt('MAX_DEPTH', DEFAULT_OPERATION_LIMITS.maxDepth, { min: 1, max: 100 }, env),
    maxAliases: envInt('MAX_ALIASES', DEFAULT_OPERATION_LIMITS.maxAliases, { min: 0, max: 10_000 }, env),
    maxDirectives: envInt('MAX_DIRECTIVES', DEFAULT_OPERATION_LIMITS.maxDirectives, { min: 0, max: 10_000 }, env),
    maxCost: envInt('MAX_COST', DEFAULT_OPERATION_LIMITS.maxCost, { min: 1, max: 100_000_000 }, env),
    maxTokens: envInt('MAX_TOKENS', DEFAULT_OPERATION_LIMITS.maxTokens, { min: 100, max: 1_000_000 }, env),
    maxStringLength: envInt('MAX_STRING_LENGTH', DEFAULT_OPERATION_LIMITS.maxStringLength, { min: 16, max: 10_000_000 }, env),
  };
}
