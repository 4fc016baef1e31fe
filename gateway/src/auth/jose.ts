export type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });

let loading: Promise<Jose> | undefined;

/**
 * jose 6 is published as ES modules only, and this workspace compiles to CommonJS under
 * `module: node16`, which forbids a static import of one; `import()` loads it on every Node
 * we support. Loaded once, on the first token.
 */
export function loadJose(): Promise<Jose> {
  loading ??= import('jose');
  return loading;
}
