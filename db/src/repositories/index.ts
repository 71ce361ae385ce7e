export * from './case.repository';
export { scopeCondition } from './case-scope-sql';
