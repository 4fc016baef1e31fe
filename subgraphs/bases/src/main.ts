import { runSubgraph } from '@skills-sichuan/subgraph-kit';
import { contactHistoryVault } from './organization/contact-history-vault';
import { bases } from './subgraph';

// a missing or short CONTACT_DATA_KEY in production stops the process here, before it serves anything
contactHistoryVault();
void runSubgraph(bases);
