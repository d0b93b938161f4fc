/** Undoes the escaping our templates apply, to read values back out of a page. */
export function unescapeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The value of the first `<input name=…>` in a page. */
export function inputValue(html: string, name: string): string | undefined {
  const match = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html);
  return match ? unescapeHtml(match[1]!) : undefined;
}

/** The action of the first form whose action matches. */
export function formAction(html: string, pattern: RegExp): string | undefined {
  for (const match of html.matchAll(/<form[^>]*action="([^"]*)"/g)) {
    const action = unescapeHtml(match[1]!);
    if (pattern.test(action)) return action;
  }
  return undefined;
}
