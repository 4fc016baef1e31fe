export { evaluation } from './subgraph';
