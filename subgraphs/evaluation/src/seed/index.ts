/**
 * The evaluation subgraph's seed entry point (`@skills-sichuan/evaluation/seed`): the
 * assessments generator the bases subgraph's seed draws on for the assessments behind its
 * roster decisions, so their ids agree with ours.
 */
export { generateAssessments, type AssessmentSeed } from './assessments.generator';
