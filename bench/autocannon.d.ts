// The part of autocannon's programmatic API that bench/load.ts and the cold-start timeline (bench/cold-start.ts) use (the package ships no types).
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
  /** With a callback: the running instance, which emits each response (its latency in ms). */
  export type Instance = { on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): Instance };
  function autocannon(opts: Options): Promise<Result>;
  function autocannon(opts: Options, done: (err: unknown, result: Result) => void): Instance;
  export default autocannon;
}
