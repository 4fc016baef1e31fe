import { runSubgraph } from '@skills-sichuan/subgraph-kit';
import { training } from './subgraph';
import { personalDataVault } from './trainee/personal-data';

// a missing or short TRAINEE_DATA_KEY in production stops the process here, before it serves anything
personalDataVault();
void runSubgraph(training);
