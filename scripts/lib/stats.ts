/**
 * The middle value (the upper one of the two middle values for an even count): what a benchmark
 * reports of repeated timings on a machine whose speed varies from run to run.
 *
 * @example
 * median([3, 1, 2]) // 2
 */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
