import { runSubgraph } from '@skills-sichuan/subgraph-kit';
import { evaluation } from './subgraph';

void runSubgraph(evaluation);
