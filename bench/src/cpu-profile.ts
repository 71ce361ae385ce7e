import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * `PROFILE=path.cpuprofile`: a V8 CPU profile of this process (the server, its jobs and, where a
 * bench runs it here, the load) from now until `stop`; read it with `npm run profile:summary`.
 * Without the setting it is null and costs nothing.
 */
export async function startProfile(): Promise<{ stop(): Promise<void> } | null> {
  if (!process.env.PROFILE) return null;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(process.env.PROFILE!, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
