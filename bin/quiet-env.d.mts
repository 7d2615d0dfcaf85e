export declare const QUIET_ENV: Readonly<{ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }>;
export declare function applyQuietEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
