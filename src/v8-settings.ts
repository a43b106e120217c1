import { setFlagsFromString } from 'node:v8';

// Imported first by whatever starts a server (src/server.ts, the demo, the benchmarks' floors),
// before anything else is loaded.
//
// V8 may decide that objects made at one place in the code live long ("allocation-site
// pretenuring") and make them straight in the old generation from then on. In about one server
// start in four it decided so for objects every request makes, during start-up or the first
// burst of requests: each request then left about 1 KB in the old generation, scavenges took
// 20 ms instead of 0.6, and the process spent about twice the CPU per request for the rest of its
// life. Measured on /healthz under load: 7 of 30 starts went that way without this setting,
// none of 18 with it, and a start that did not go that way is no slower with it.
setFlagsFromString('--no-allocation-site-pretenuring');
