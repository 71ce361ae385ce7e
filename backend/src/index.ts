export { createApp, type AppDeps } from './app';
export { startServer, type RunningServer } from './server';
export { loadConfig, type Config } from './config';
export { AppError, APP_ERROR_STATUS, type AppErrorCode } from './errors/app-error';
export { prepareDatabase } from './bootstrap/prepare-database';
export { submitCase, type SubmissionInput } from './cases/submit-case';
export { createSlaContextLoader } from './sla/sla-context';
export { createLogger } from './logger';
export { sweepDueCases } from './sla/sweeper';
