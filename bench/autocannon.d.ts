// The part of autocannon's programmatic API that bench/load.ts uses (the package ships no types).
declare module 'autocannon' {
  type Stats = { average: number; mean: number; p50: number; p90: number; p99: number; max: number; total: number };
  export type Result = {
    duration: number;
    requests: Stats;
    latency: Stats;
    throughput: Stats;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
  };
  export type Options = { url: string; connections?: number; duration?: number; headers?: Record<string, string>; pipelining?: number };
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
