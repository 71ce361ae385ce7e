/**
 * What a V8 CPU profile (`PROFILE=path.cpuprofile` on bench:transitions or bench:intake) spent its
 * time on: `npm run profile:summary -w @caunoi/bench -- path.cpuprofile [top]`. Prints self time
 * by package (a workspace of ours, a dependency in node_modules, Node's own code, native work
 * such as socket writes, the garbage collector, idle) and the functions with the most self time;
 * then the time spent under each of a few well-known frames (inclusive), so that "the HTTP
 * request", "the job worker" and "the load generator" can be told apart in one process.
 * Samples are wall time: a system call that is descheduled (a socket write waking PostgreSQL on
 * busy cores) counts for as long as it waits, so compare with the bench's CPU figures.
 */
import { readFileSync } from 'node:fs';
import { report } from './report';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const path = process.argv[2];
if (!path) throw new Error('usage: cpuprofile-summary <file.cpuprofile> [top functions, default 25]');
const top = Number(process.argv[3] ?? 25);
const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);

/** Where a frame's code lives: our workspace, a dependency, Node itself, or a native/VM bucket. */
function packageOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : `(native) ${name || 'anonymous'}`;
  const dep = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (dep) return dep[1]!;
  const ours = url.match(/\/(backend|db|workflows|seeds|bench|admin-ui)\/src\//);
  if (ours) return `@caunoi/${ours[1]}`;
  if (url.startsWith('node:')) return 'node (internal)';
  return url;
}

// Self time: each sample's delta belongs to the frame on top of the stack.
const selfByNode = new Map<number, number>();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  selfByNode.set(profile.samples[i]!, (selfByNode.get(profile.samples[i]!) ?? 0) + dt);
}
const idle = [...selfByNode].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)');
const idleTime = idle.reduce((s, [, t]) => s + t, 0);
const busy = total - idleTime;

const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, t] of selfByNode) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  if (functionName === '(idle)') continue;
  const pkg = packageOf(url, functionName);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + t);
  const fn = `${functionName || '(anonymous)'} ${url ? `${pkg}:${lineNumber + 1}` : ''}`.trim();
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
}

const share = (t: number) => (100 * t) / busy;
console.log(`CPU profile ${path}: ${(total / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s busy`);
console.log('\nSelf time by package (% of busy time)');
for (const [pkg, t] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 30)) report(pkg, share(t), '%', 1);
console.log(`\nThe ${top} functions with the most self time (% of busy time)`);
for (const [fn, t] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) report(fn, share(t), '%', 1);

/**
 * Inclusive time under frames whose function and file match: each sample counts once for each
 * rule that matches any frame of its stack.
 */
const UNDER: Array<{ name: string; matches: (f: ProfileNode['callFrame']) => boolean }> = [
  {
    name: 'HTTP requests (express router)',
    matches: (f) => /express|router/.test(f.url) && f.functionName === 'handle',
  },
  { name: 'job worker (graphile-worker)', matches: (f) => f.url.includes('graphile-worker') },
  { name: 'tasks of ours (backend/src/jobs)', matches: (f) => f.url.includes('/backend/src/jobs/') },
  { name: 'MikroORM', matches: (f) => f.url.includes('@mikro-orm') },
  { name: 'pg client', matches: (f) => /node_modules\/(pg|pg-protocol|pg-pool)\//.test(f.url) },
  { name: 'socket.io', matches: (f) => /socket\.io|engine\.io|\/ws\//.test(f.url) },
  { name: 'nodemailer', matches: (f) => f.url.includes('nodemailer') },
  { name: 'load generator (undici fetch)', matches: (f) => f.url.includes('undici') },
  { name: 'the machine (xstate)', matches: (f) => f.url.includes('xstate') },
  { name: 'pino logger', matches: (f) => f.url.includes('pino') },
];
const under = new Map<string, number>();
for (let i = 0; i < profile.samples.length; i++) {
  let id: number | undefined = profile.samples[i]!;
  if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
  const hit = new Set<string>();
  while (id !== undefined) {
    const frame = byId.get(id)!.callFrame;
    for (const rule of UNDER) if (!hit.has(rule.name) && rule.matches(frame)) hit.add(rule.name);
    id = parentOf.get(id);
  }
  for (const name of hit) under.set(name, (under.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
console.log('\nTime under (inclusive, % of busy time; a sample counts under each that holds it)');
for (const rule of UNDER) report(rule.name, share(under.get(rule.name) ?? 0), '%', 1);
