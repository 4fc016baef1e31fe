import { runSubgraph } from '@skills-sichuan/kit';
import { bases } from './subgraph';

void runSubgraph(bases);
