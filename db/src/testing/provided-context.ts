// What the database globalSetup hands to every test file through vitest's inject().
declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgres://user:pass@host:port` of the throwaway server, without a database name. */
    databaseServerUrl: string;
  }
}

export {};
