import { type Exporter, downloadCSV } from 'react-admin';
// The CSV writer alone: the contract's index would bring zod and every schema into the bundle.
import { toCsv } from '@caunoi/contract/csv';

/**
 * react-admin's exporter for a reference list: the named columns only, through contract's toCsv
 * (no formulas), instead of react-admin's default, which writes whatever the records hold as is.
 */
export function csvExporter(filename: string, columns: readonly string[]): Exporter {
  return (records) =>
    downloadCSV(
      toCsv(
        columns,
        records.map((r: Record<string, unknown>) => columns.map((c) => r[c])),
      ),
      `caunoi-${filename}-${new Date().toISOString().slice(0, 10)}`,
    );
}
