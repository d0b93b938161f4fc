/** One entry of a 422's `errors`, as GitHub writes them. */
export interface FieldError {
  resource: string;
  field: string;
  code: "missing" | "missing_field" | "invalid" | "already_exists" | "unprocessable" | "custom";
  value?: unknown;
  message?: string;
}

const DOCS = "https://docs.github.com/enterprise-server@3.19/rest";

/**
 * A refusal in GitHub's shape (`{ message, documentation_url, errors? }`). The same class
 * serves the REST API and the control API, so a script sees GitHub's words either way.
 */
export class ApiError extends Error {
  readonly code = "STANDIN_API_ERROR";
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
    readonly documentationUrl = DOCS,
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { message: this.message, ...(this.errors ? { errors: this.errors } : {}), documentation_url: this.documentationUrl, status: String(this.status) };
  }
}

export const notFound = () => new ApiError(404, "Not Found");
export const validationFailed = (...errors: FieldError[]) => new ApiError(422, "Validation Failed", errors);
export const forbiddenForIntegration = () => new ApiError(403, "Resource not accessible by integration");
export const badCredentials = () => new ApiError(401, "Bad credentials");
