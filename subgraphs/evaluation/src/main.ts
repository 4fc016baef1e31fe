import { runSubgraph } from '@skills-sichuan/kit';
import { evaluation } from './subgraph';

void runSubgraph(evaluation);
