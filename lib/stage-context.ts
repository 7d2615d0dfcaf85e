import type { Construct } from 'constructs';

/** Per-stage values, read from CDK context (`cdk synth -c stage=prod`). */
export type StageContext = {
  /** Names the stack, so stages can share one account and region. */
  readonly stage: string;
};

// Lower-case and short: the stage ends up in the stack name and resource names.
const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,15}$/;

/** Reads and validates the stage context; a bad value fails the synth, not a later deploy. */
export const readStageContext = (scope: Construct): StageContext => {
  const stage: unknown = scope.node.tryGetContext('stage') ?? 'dev';
  if (typeof stage !== 'string' || !STAGE_PATTERN.test(stage)) {
    throw new Error(`context "stage" must match ${STAGE_PATTERN}, got ${JSON.stringify(stage)}`);
  }
  return { stage };
};
