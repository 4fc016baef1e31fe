import { AssessmentResult } from './assessment.entity';

/**
 * The scoring rule of the annual spot check (docs/architecture.md, "Assessment scoring"),
 * applied to every assessment however it is written:
 * overall = 0.5 quality + 0.3 trust + 0.2 public opinion (without a public score, the
 * first two are re-weighted to 5/8 and 3/8).
 * FAIL when overall < 60 or quality or trust < 50; EXCELLENT when overall ≥ 90 with
 * quality and trust both ≥ 85; PASS otherwise.
 */
export function overallScore(quality: number, trust: number, publicScore: number | null): number {
  const overall = publicScore === null ? (0.5 * quality + 0.3 * trust) / 0.8 : 0.5 * quality + 0.3 * trust + 0.2 * publicScore;
  // rounded only past floating-point noise (0.5 × 59.9 + … must not land at 59.99999999), never across a threshold
  return Math.round(overall * 1e6) / 1e6;
}

export function assessmentResult(quality: number, trust: number, publicScore: number | null): AssessmentResult {
  const overall = overallScore(quality, trust, publicScore);
  if (overall < 60 || quality < 50 || trust < 50) return AssessmentResult.FAIL;
  if (overall >= 90 && quality >= 85 && trust >= 85) return AssessmentResult.EXCELLENT;
  return AssessmentResult.PASS;
}
