/**
 * How often (ms) prom-client's default metrics sample event-loop delay in our services (its
 * default is 10 ms). Each sample wakes an otherwise idle process: at 10 ms that was 100 wake-ups
 * per second, 6–8 ms of CPU per second per idle service on a small VM, and at low traffic those
 * wake-ups shared the CPU with the messages themselves (docs/BENCHMARKS.md, issue 18). At 100 ms
 * a stall of 100 ms or more is always seen in `*_eventloop_lag_*`; a shorter one is seen in
 * proportion to its length, which is enough for a dashboard that looks for a blocked loop.
 */
export const EVENT_LOOP_SAMPLE_MS = 100
