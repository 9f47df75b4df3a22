/**
 * The bench starts every process without NODE_EXTRA_CA_CERTS (scripts/offline-child-env.mjs:
 * where a machine sets it, every Node start parses the certificates it names first, about 45 ms
 * of CPU here, and none of the bench's processes makes a TLS connection). What the variable
 * costs is still measured and printed: bare Node starts with this machine's value, beside the
 * bare starts without it (cold-cli.ts).
 */
import { EXTRA_CA_CERTS_VARIABLE } from '../scripts/offline-child-env.mjs';

/** This machine's NODE_EXTRA_CA_CERTS as the bench found it (undefined where it is not set). */
export const machineExtraCaCerts: string | undefined = process.env[EXTRA_CA_CERTS_VARIABLE];

/** From now on, every process this one starts runs without NODE_EXTRA_CA_CERTS. */
export function startChildrenWithoutExtraCaCerts(): void {
  Reflect.deleteProperty(process.env, EXTRA_CA_CERTS_VARIABLE);
}

/** This process's environment with the machine's NODE_EXTRA_CA_CERTS, when it has one. */
export function envWithMachineExtraCaCerts(): NodeJS.ProcessEnv | null {
  return machineExtraCaCerts === undefined ? null : { ...process.env, [EXTRA_CA_CERTS_VARIABLE]: machineExtraCaCerts };
}
