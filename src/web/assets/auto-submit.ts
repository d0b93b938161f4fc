/**
 * The only script Senseloop serves: it submits the form marked `data-auto-submit` so the
 * registration continues to GitHub on its own. Without it the page shows a button that does
 * the same, so nothing depends on JavaScript. Served as a file because the CSP forbids inline scripts.
 */
export const AUTO_SUBMIT_SCRIPT = `document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-auto-submit]");
  if (form) form.submit();
});
`;
