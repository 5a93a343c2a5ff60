// `node --import ./test/support/loaded-modules.mjs …` appends the URL of every ES module the process loads (and of
// every CommonJS file one imports) to the file MASTHEAD_LOADED_LOG names: what a start really reads.
import { register } from 'node:module';

register('./loaded-modules-hooks.mjs', import.meta.url);
