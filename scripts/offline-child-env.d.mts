export declare const EXTRA_CA_CERTS_VARIABLE: 'NODE_EXTRA_CA_CERTS';
export declare function offlineChildEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
