export { bases } from './subgraph';
