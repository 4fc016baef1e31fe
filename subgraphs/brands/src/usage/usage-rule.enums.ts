import { registerEnumType } from 'type-graphql';

/** How a usage qualification (使用资格条件) is checked when a licence is granted. */
export enum QualificationKind {
  /** the licensee runs an ACTIVE base or institution of the brand (or of one of its sub-brands): read from the bases subgraph */
  ROSTER_SUBJECT = 'ROSTER_SUBJECT',
  /** the licensee's credit level is at least minimumCreditLevel (A best): read from the evaluation subgraph */
  MIN_CREDIT_LEVEL = 'MIN_CREDIT_LEVEL',
  /** none of the licensee's ACTIVE subjects of the brand failed its latest assessment */
  PASSED_LATEST_ASSESSMENT = 'PASSED_LATEST_ASSESSMENT',
  /** checked by the department by hand: the grant names it among attestedQualificationIds */
  ATTESTED = 'ATTESTED',
}
registerEnumType(QualificationKind, {
  name: 'QualificationKind',
  description: 'how a usage qualification is checked at a grant; which conditions a brand sets is the program office’s configuration',
});

export const CREDIT_LEVELS = ['A', 'B', 'C', 'D'] as const;
export type CreditLevelName = (typeof CREDIT_LEVELS)[number];
