import { runSubgraph } from '@skills-sichuan/kit';
import { brands } from './subgraph';

void runSubgraph(brands);
