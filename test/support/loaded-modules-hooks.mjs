// The loader hook of loaded-modules.mjs, run in Node's hooks thread.
import fs from 'node:fs';

export async function load(url, context, nextLoad) {
  if (process.env.MASTHEAD_LOADED_LOG) fs.appendFileSync(process.env.MASTHEAD_LOADED_LOG, `${url}\n`);
  return nextLoad(url, context);
}
