import { bases } from '@skills-sichuan/bases';
import { brands } from '@skills-sichuan/brands';
import { evaluation } from '@skills-sichuan/evaluation';
import { training } from '@skills-sichuan/training';

/** The subgraphs built in this repository, in the order they start. */
export const SUBGRAPHS = [brands, bases, training, evaluation];
