export { training } from './subgraph';
