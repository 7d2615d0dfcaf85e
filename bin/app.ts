import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addSupportDesk } from '../lib/support-desk-app.js';

const app = new App();
// `SupportDesk-<stage>`, environment-agnostic (synthesizes offline, with no credentials or lookups);
// with the firewall on (prod), also `SupportDesk-<stage>-edge` in us-east-1 (lib/support-desk-app.ts).
addSupportDesk(app);

// cdk-nag 3 is a policy-validation plugin, not an Aspect: an unacknowledged finding fails
// the synth. Acknowledge one with Validations.of(construct).acknowledge({ id, reason }).
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
