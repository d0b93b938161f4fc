/** One problem in a repository's `.github/senseloop.yml`, as the check run lists it. */
export interface ConfigProblem {
  /** Where in the file: a dotted path such as `exempt.titlePatterns.0`, or `(file)`. */
  path: string;
  message: string;
}

interface YamlErrorLike {
  message?: string;
  linePos?: [{ line: number; col: number }, ...unknown[]];
}

/** The YAML parser's message, with its position, for a file that is not valid YAML. */
export function problemFromYaml(cause: unknown, fallback: string): ConfigProblem {
  const yamlError = (cause ?? {}) as YamlErrorLike;
  const position = yamlError.linePos?.[0];
  // The parser's first line repeats the position ("… at line 2, column 7:"); we say it once.
  const firstLine = ((yamlError.message ?? fallback).split("\n")[0] ?? fallback).replace(/ at line \d+, column \d+:?$/, "");
  return {
    path: "(file)",
    message: position ? `YAML syntax error at line ${position.line}, column ${position.col}: ${firstLine}` : `YAML syntax error: ${firstLine}`,
  };
}
