import { spawn, spawnSync } from 'node:child_process';

/**
 * Runs a command in a network namespace with only loopback up (when the kernel allows it)
 * and under strace, so every socket address the command and all its children try to reach
 * is written to a log for strace-log.ts to judge.
 */
export const TRACED_SYSCALLS = 'connect,sendto,sendmsg,sendmmsg';

export type Isolation = { mode: 'namespace' } | { mode: 'host'; reason: string };

/**
 * `unshare -n` needs CAP_SYS_ADMIN (root here and in CI); an unprivileged user may get it
 * through a user namespace (`-r`). In a container whose seccomp profile or kernel forbids
 * namespaces both fail: then the proof still traces every connection on the host network
 * and fails on any non-loopback attempt — it only loses the guarantee that a missed
 * syscall could not have reached anything.
 */
export function probeIsolation(): Isolation {
  const attempts: string[] = [];
  for (const flags of [['-n'], ['-rn']]) {
    const probe = spawnSync('unshare', [...flags, 'sh', '-c', 'ip link set lo up && ip -o link show up'], {
      encoding: 'utf8',
    });
    if (probe.status === 0) {
      // Only loopback may be up inside, or the namespace proves nothing.
      const up = probe.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(':')[1]?.trim());
      if (up.length === 1 && up[0] === 'lo') return { mode: 'namespace' };
      attempts.push(`unshare ${flags.join(' ')} gave interfaces ${up.join(', ')}`);
    } else {
      attempts.push(
        `unshare ${flags.join(' ')}: ${(probe.error?.message ?? probe.stderr).trim() || `exit ${probe.status}`}`,
      );
    }
  }
  return { mode: 'host', reason: attempts.join('; ') };
}

/** Null when strace is installed and may trace here; otherwise why not (the proof cannot run). */
export function straceAvailable(): string | null {
  const probe = spawnSync('strace', ['-f', '-qq', '-e', 'trace=connect', '-o', '/dev/null', '--', 'true'], {
    encoding: 'utf8',
  });
  if (probe.error) return `strace is not installed (apt-get install -y strace): ${probe.error.message}`;
  if (probe.status !== 0)
    return `strace cannot trace processes here (ptrace refused? a container needs CAP_SYS_PTRACE): ${probe.stderr.trim()}`;
  return null;
}

export interface TracedResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The argv that wraps `command args` in the namespace (if any) and strace. */
export function tracedArgv(isolation: Isolation, log: string, command: string, args: readonly string[]): string[] {
  // --seccomp-bpf: the kernel stops the process only on the traced syscalls, so Chromium
  // and the importer run at nearly full speed; -f follows every child and thread; -yy
  // names each socket's protocol (TCP, UDPv6, UNIX…) on the line; signals are left out.
  const strace = [
    'strace',
    '-f',
    '-qq',
    '-yy',
    '--seccomp-bpf',
    '-e',
    `trace=${TRACED_SYSCALLS}`,
    '-e',
    'signal=none',
    '-o',
    log,
    '--',
    command,
    ...args,
  ];
  if (isolation.mode === 'host') return strace;
  const flags = spawnSync('unshare', ['-n', 'true']).status === 0 ? '-n' : '-rn';
  return ['unshare', flags, 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', ...strace];
}

export function runTraced(
  isolation: Isolation,
  log: string,
  command: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<TracedResult> {
  const [program, ...rest] = tracedArgv(isolation, log, command, args);
  return new Promise((resolve, reject) => {
    const child = spawn(program!, rest, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out after ${options.timeoutMs} ms: ${command} ${args.join(' ')}\n${stdout}\n${stderr}`));
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
