import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readStageContext } from '../../lib/stage-context.js';

describe('readStageContext', () => {
  it('defaults the stage to dev', () => {
    expect(readStageContext(new App())).toEqual({ stage: 'dev' });
  });

  it('takes a valid stage from context', () => {
    expect(readStageContext(new App({ context: { stage: 'prod-eu' } }))).toEqual({ stage: 'prod-eu' });
  });

  it.each(['Prod', 'prod_1', '1prod', 'a-stage-name-too-long', ''])('refuses %j', (stage) => {
    expect(() => readStageContext(new App({ context: { stage } }))).toThrow(/context "stage"/);
  });
});
