import { runSubgraph } from '@skills-sichuan/kit';
import { training } from './subgraph';

void runSubgraph(training);
