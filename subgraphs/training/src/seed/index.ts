/**
 * The training subgraph's seed entry point (`@skills-sichuan/training/seed`): its programs
 * and person-times as generated, for whoever needs the whole province (the end-to-end tests).
 */
export { generateTraining, type TrainingProgramSeed, type TrainingRecordSeed, type TrainingSeed } from './training.generator';
