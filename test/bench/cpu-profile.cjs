// Preloaded into the worker by `npm run bench -- --profile` (NODE_OPTIONS=--require): a CPU profile of the
// process's main thread, written to BENCH_CPU_PROFILE_DIR when it exits (NODE_OPTIONS may not carry --cpu-prof).
/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (NODE_OPTIONS=--require) */
const inspector = require('node:inspector');
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const dir = process.env.BENCH_CPU_PROFILE_DIR;
const isTsxLauncher = process.argv.some((a) => /tsx[\\/]dist[\\/]cli|\.bin[\\/]tsx$/.test(a));
if (dir && !isTsxLauncher) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    session.post('Profiler.stop', (err, result) => {
      if (err) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `worker-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  // At the stop signal already: a worker that takes too long to shut down is killed before it exits.
  process.on('SIGTERM', write);
  process.on('SIGINT', write);
  process.on('exit', write);
}
