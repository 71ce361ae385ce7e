import { readFileSync, readdirSync } from 'node:fs';

/**
 * CPU time (user + system, ms) that processes have used so far, read from Linux's /proc: the
 * processes named `command` (e.g. every `postgres` process: backends, WAL writer, checkpointer),
 * or the given process ids. A bench takes it before and after its timed work to print which side
 * the work kept busy (on this 2-core machine, a bench's bound is often the other process).
 */
export function cpuMsOf(which: { command: string } | { pids: readonly number[] }): number {
  const pids = 'pids' in which ? which.pids.map(String) : readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  let ticks = 0;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if ('command' in which && name !== which.command) continue;
    // Fields after the name: state is the 1st, utime the 12th and stime the 13th (proc(5)).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
    // With the time of its children that ended and were waited for (cutime, cstime): PostgreSQL's
    // postmaster holds that of every backend that has exited, which would otherwise vanish from
    // the sum between two readings (a pool's connection closed, a worker's ended).
    if ('command' in which) ticks += Number(fields[13]) + Number(fields[14]);
  }
  return ticks * (1000 / CLOCK_TICKS_PER_SECOND);
}

/** USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU time (ms) of this process's children that have ended and been waited for (cutime + cstime
 * of /proc/self/stat): a load generator or pgbench run as a child, read before and after it.
 */
export function endedChildrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * (1000 / CLOCK_TICKS_PER_SECOND);
}
