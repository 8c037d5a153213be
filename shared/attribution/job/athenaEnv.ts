/** Environment variables of a function that runs the attribution SQL on Athena (set by the stack). */
export const ATHENA_ENV = {
  /** The lake's Athena workgroup: its result location, encryption and scan cutoff apply. */
  workGroup: 'ATHENA_WORKGROUP',
  /** The lake's Glue database, where the SQL's unqualified table names (`events`) resolve. */
  database: 'ATHENA_DATABASE',
} as const;
