export { installations, repositories } from "./installations.js";
export { deliveries } from "./deliveries.js";
export { hypotheses } from "./hypotheses.js";
export { pullRequests, pullRequestHypotheses, checkRuns } from "./pull-requests.js";
export { deadJobs } from "./jobs.js";
export { environments, ships, commitPullRequests } from "./ships.js";
export { senseState, senseItems, senseItemPullRequests, githubWrites } from "./sense.js";
export { responses, extensions } from "./responses.js";
export { readingSlotKind, readingStatus, senseReadings, signalSourceCalls } from "./readings.js";
