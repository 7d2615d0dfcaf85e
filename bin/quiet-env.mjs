// The environment every local entry point (npm start, the CLIs, the test workers, benchmarks that
// start fresh Node processes) runs with, so its output carries no noise we have chosen to accept.
//
// AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: the AWS SDK for JavaScript v3 prints a 9-line
// NodeVersionSupportWarning when a client is built on Node.js < 22 (SDK versions published after
// the first week of January 2027 will require Node.js 22). This is the switch the SDK documents
// for it (aws/aws-sdk-js-v3#7983; read by @aws-sdk/core's emitWarningIfUnsupportedVersion as
// === "true"). The project supports Node.js >= 20.19 locally until then, and Lambda runs
// nodejs24.x, where the SDK never warns; Node's own --disable-warning cannot name it (it is
// emitted as a plain "Warning").
export const QUIET_ENV = Object.freeze({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });

/** Sets QUIET_ENV on `env` (default: this process), keeping any value already set. */
export function applyQuietEnv(env = process.env) {
  for (const [name, value] of Object.entries(QUIET_ENV)) env[name] ??= value;
  return env;
}
