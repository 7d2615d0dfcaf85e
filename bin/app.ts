import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readStageContext } from '../lib/stage-context.js';
import { SupportDeskStack } from '../lib/support-desk-stack.js';

const app = new App();
const stageContext = readStageContext(app);
const { stage } = stageContext;

// No `env`: an environment-agnostic stack synthesizes offline, with no credentials or lookups.
new SupportDeskStack(app, `SupportDesk-${stage}`, {
  description: `Support desk back end (${stage})`,
  stageContext,
});

// cdk-nag 3 is a policy-validation plugin, not an Aspect: an unacknowledged finding fails
// the synth. Acknowledge one with Validations.of(construct).acknowledge({ id, reason }).
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
