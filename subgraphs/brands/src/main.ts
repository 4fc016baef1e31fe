import { runSubgraph } from '@skills-sichuan/subgraph-kit';
import { brands } from './subgraph';

void runSubgraph(brands);
