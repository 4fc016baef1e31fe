import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';

@ObjectType('DiscrepancyThreshold', {
  description:
    'When a report is flagged: the program office’s configuration (项目办配置), not the plan’s, shown so a flag can be explained',
})
export class DiscrepancyThresholdView {
  @Field(() => Float, { description: 'a report may overstate what was recorded by this share of it …' })
  ratio: number;

  @Field(() => Int, { description: '… and by at least this many person-times, before it is flagged' })
  personTimes: number;

  @Field({ description: 'where the threshold is set' })
  source: string;
}

@ObjectType({
  description:
    'A report’s person-times against the training recorded for its organisation in its period (核对): the programs of its bases and institutions that start within the period, as recorded now',
})
export class ProgressReconciliation {
  @Field(() => DateScalar, { description: 'the period’s first day' })
  countedFrom: string;

  @Field(() => DateScalar, { description: 'the period’s last day' })
  countedTo: string;

  @Field(() => Int, { nullable: true, description: 'what the report claims (人次); null until submitted' })
  reportedPersonTimes: number | null;

  @Field(() => Int, { description: 'person-times recorded in the training subgraph' })
  recordedPersonTimes: number;

  @Field(() => Int, { nullable: true, description: 'reported − recorded; null until submitted' })
  discrepancy: number | null;

  @Field(() => Float, { nullable: true, description: 'discrepancy / recorded; null until submitted or when nothing was recorded' })
  discrepancyRatio: number | null;

  @Field(() => Int, {
    description: 'the overstatement tolerated for this report: the larger of threshold.personTimes and threshold.ratio × recorded',
  })
  allowedDiscrepancy: number;

  @Field({ description: 'the report overstates the recorded training by more than allowedDiscrepancy' })
  discrepancyFlagged: boolean;

  @Field(() => DiscrepancyThresholdView)
  threshold: DiscrepancyThresholdView;
}
