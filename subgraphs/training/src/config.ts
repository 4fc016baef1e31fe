import { envInt, envNumber, secretFromEnv } from '@skills-sichuan/runtime';

/** What the training subgraph reads from its environment beyond what every subgraph reads (the kit's subgraphConfigFromEnv). */
export const TRAINEE_KEY_VARIABLE = 'TRAINEE_DATA_KEY';

/** The key trainees' personal data is protected under: at least 32 characters, required unless DEVELOPMENT=true (then from DATA_DIR/secrets.json). */
export function traineeDataKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return secretFromEnv(TRAINEE_KEY_VARIABLE, env);
}

/**
 * When a progress report's person-times overstate the training recorded for it: by more than
 * `personTimes`, and more than `ratio` of what was recorded. The program office's configuration,
 * not the plan (the plan asks for reports and spot checks, and sets no tolerance).
 */
export interface DiscrepancyThreshold {
  ratio: number;
  personTimes: number;
  source: string;
}

export const DISCREPANCY_THRESHOLD_SOURCE = '项目办配置（非《行动方案》规定）: REPORT_DISCREPANCY_RATIO, REPORT_DISCREPANCY_PERSON_TIMES';

/** REPORT_DISCREPANCY_RATIO (default 0.1) and REPORT_DISCREPANCY_PERSON_TIMES (default 10); a bad value stops the service at start-up. */
export function discrepancyThresholdFromEnv(env: NodeJS.ProcessEnv = process.env): DiscrepancyThreshold {
  return {
    ratio: envNumber('REPORT_DISCREPANCY_RATIO', 0.1, { min: 0, max: 10 }, env),
    personTimes: envInt('REPORT_DISCREPANCY_PERSON_TIMES', 10, { min: 0, max: 1_000_000 }, env),
    source: DISCREPANCY_THRESHOLD_SOURCE,
  };
}

let threshold: DiscrepancyThreshold | undefined;

/** The process's threshold, read from its environment once. */
export function discrepancyThreshold(): DiscrepancyThreshold {
  threshold ??= discrepancyThresholdFromEnv();
  return threshold;
}
