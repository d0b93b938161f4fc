import { parse } from "yaml";
import { ApiError, validationFailed } from "./errors.js";

interface FormField {
  type: "markdown" | "textarea" | "input" | "dropdown" | "checkboxes";
  id?: string;
  attributes?: { label?: string; render?: string; options?: (string | { label: string })[]; value?: string };
  validations?: { required?: boolean };
}

export interface IssueForm {
  name?: string;
  title?: string;
  labels?: string[] | string;
  assignees?: string[] | string;
  body: FormField[];
}

export function parseIssueForm(yaml: string): IssueForm {
  const form = parse(yaml) as IssueForm | null;
  if (!form || !Array.isArray(form.body)) throw new ApiError(422, "not an issue form: it has no body");
  return form;
}

const listOf = (value: string[] | string | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : value.split(",").map((v) => v.trim()).filter(Boolean));

/**
 * The issue GitHub writes when someone submits a form: each field becomes a `### Label`
 * section, an empty optional field reads `_No response_`, checkboxes become a task list, and
 * a field with `render` is fenced as code. Values are looked up by field id or label.
 */
export function renderIssueForm(form: IssueForm, values: Record<string, string | string[] | undefined>): { body: string; labels: string[]; assignees: string[]; title: string | undefined } {
  const sections: string[] = [];
  for (const field of form.body) {
    if (field.type === "markdown") continue;
    const label = field.attributes?.label ?? field.id ?? "";
    const raw = (field.id !== undefined ? values[field.id] : undefined) ?? values[label];
    let text: string;
    if (field.type === "checkboxes") {
      const ticked = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
      const options = (field.attributes?.options ?? []).map((o) => (typeof o === "string" ? o : o.label));
      text = options.map((option) => `- [${ticked.has(option) ? "X" : " "}] ${option}`).join("\n");
    } else {
      const value = (Array.isArray(raw) ? raw.join(", ") : raw)?.trim();
      if (!value) {
        if (field.validations?.required) throw validationFailed({ resource: "IssueForm", field: field.id ?? label, code: "missing_field", message: `${label} is required` });
        text = "_No response_";
      } else {
        text = field.attributes?.render ? `\`\`\`${field.attributes.render}\n${value}\n\`\`\`` : value;
      }
    }
    sections.push(`### ${label}\n\n${text}`);
  }
  return { body: sections.join("\n\n"), labels: listOf(form.labels), assignees: listOf(form.assignees), title: form.title };
}
