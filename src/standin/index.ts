export { createStandin, type Control, type Standin, type StandinOptions } from "./standin.js";
export type { RecordedRequest, RequestFilter } from "./requests.js";
export type { DeliverySummary } from "./control.js";
export type { FaultInput, FaultKind } from "./rate-limit.js";
