/** The middle of a set of timings (the upper middle of an even set): the benchmarks' summary of repeated runs. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
