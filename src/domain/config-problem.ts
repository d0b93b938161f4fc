/** One problem in a repository's `.github/senseloop.yml`, as the check run lists it. */
export interface ConfigProblem {
  /** Where in the file: a dotted path such as `exempt.titlePatterns.0`, or `(file)`. */
  path: string;
  message: string;
}
