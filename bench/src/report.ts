/** Prints one benchmark figure per line: `name: value unit`, easy to read and to grep. */
export function report(name: string, value: number, unit: string, digits = 0): void {
  console.log(
    `${name.padEnd(44)} ${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }).padStart(14)} ${unit}`,
  );
}
