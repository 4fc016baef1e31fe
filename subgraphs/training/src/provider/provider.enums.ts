/** What runs a program or hosts an event: a Base or an Institution of the bases subgraph. */
export type ProviderType = 'Base' | 'Institution';
