export * from './case.repository';
export { scopeCondition, escapeLike } from './case-scope-sql';
export * from './report.repository';
export * from './tracking-numbers';
export * from './intake-queue.repository';
export * from './unit.repository';
export * from './inbound-item.repository';
export * from './notice-facts.repository';
