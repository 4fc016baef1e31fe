import { runSubgraph } from '@skills-sichuan/subgraph-kit';
import { discrepancyThreshold } from './config';
import { training } from './subgraph';
import { personalDataVault } from './trainee/personal-data';

// a missing or short TRAINEE_DATA_KEY in production, or a bad discrepancy threshold, stops the process here, before it serves anything
personalDataVault();
discrepancyThreshold();
void runSubgraph(training);
