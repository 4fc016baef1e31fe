import { runSubgraph } from '@skills-sichuan/subgraph-kit';
import { bases } from './subgraph';

void runSubgraph(bases);
