import { AssessmentResult } from './assessment.entity';
import { assessmentResult, overallScore } from './scoring';

/** The scoring rule at its thresholds: 60 and 90 overall, 50 and 85 for quality and trust. */
describe('assessment scoring', () => {
  it.each([
    [60, 60, 60, AssessmentResult.PASS],
    [59.9, 60, 60, AssessmentResult.FAIL], // overall 59.95: just under, not rounded up to 60
    [90, 90, 90, AssessmentResult.EXCELLENT],
    [89.9, 90, 90, AssessmentResult.PASS], // overall 89.95
    [95, 84.9, 95, AssessmentResult.PASS], // trust under 85 keeps it from EXCELLENT
    [49.9, 90, 90, AssessmentResult.FAIL], // quality under 50 fails whatever the overall
    [90, 49.9, 100, AssessmentResult.FAIL],
  ])('quality %d, trust %d, public %d is %s', (quality, trust, publicScore, result) => {
    expect(assessmentResult(quality, trust, publicScore)).toBe(result);
  });

  it('re-weights quality and trust to 5/8 and 3/8 without a public score', () => {
    expect(overallScore(80, 60, null)).toBe(72.5);
    expect(assessmentResult(64, 56, null)).toBe(AssessmentResult.PASS); // (32 + 16.8) / 0.8 = 61
  });
});
