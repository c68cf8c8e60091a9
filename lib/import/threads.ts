// Worker threads of the import. The worker runs TypeScript under tsx; a thread does not inherit its parent's
// loader hooks on Node 20, so a thread registers them before it imports its entry module. The heap limits keep
// an import's memory flat: near its limit a thread collects garbage instead of growing.
import { Worker, type ResourceLimits } from 'node:worker_threads';

export function startThread(entry: URL, workerData: unknown, resourceLimits: ResourceLimits): Worker {
  const source = entry.pathname.endsWith('.ts')
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`
    : `import(${JSON.stringify(entry.href)});`;
  return new Worker(source, { eval: true, workerData, resourceLimits });
}

/** The sibling module `name` of `base` (an import.meta.url), with the extension the running code has. */
export function siblingModule(base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}
