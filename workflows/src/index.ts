export * from './domain';
export * from './working-calendar';
export * from './tracking-code';
export * from './audit-chain';
export * from './case';
export * from './sla/case-clocks';
export * from './access/jurisdiction';
export * from './sla/escalation';
