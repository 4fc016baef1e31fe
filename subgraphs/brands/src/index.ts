export { brands } from './subgraph';
