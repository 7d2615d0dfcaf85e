import { ATTACHMENT_LIMITS } from './attachment-rules.js';
import { json } from './respond.js';
import { publicRoute } from './route.js';

/** GET /uploads/limits: what a file must be to be attached, for a form to state beside the field. Public: nothing in it is anyone's. */
export const makeGetUploadLimitsHandler = () => publicRoute(async () => json(200, ATTACHMENT_LIMITS));

export const handler = makeGetUploadLimitsHandler();
