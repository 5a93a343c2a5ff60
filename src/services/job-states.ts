/** The states a durable job can be in, apart from the job runner so the command line's usage does not load it. */
export { JOB_STATES, type JobState } from '../db/jobs-repo.js';
