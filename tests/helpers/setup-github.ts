import nock from "nock";

export interface ConvertedApp {
  id: number;
  slug: string;
  name: string;
  html_url: string;
  client_id: string;
  client_secret: string;
  webhook_secret: string;
  pem: string;
}

export const convertedApp = (pem: string): ConvertedApp => ({
  id: 987654,
  slug: "senseloop-acme",
  name: "Senseloop (acme)",
  html_url: "https://github.com/apps/senseloop-acme",
  client_id: "Iv23liAbCdEf012345",
  client_secret: "0123456789abcdef0123456789abcdef01234567",
  webhook_secret: "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed",
  pem,
});

/** `POST /app-manifests/{code}/conversions`: GitHub's answer to a manifest code (no authentication). */
export function nockManifestConversion(code: string, answer: { status: number; body: object }, apiUrl = "https://api.github.com") {
  return nock(new URL(apiUrl).origin, { badheaders: ["authorization"] })
    .post(`${new URL(apiUrl).pathname.replace(/\/$/, "")}/app-manifests/${code}/conversions`)
    .matchHeader("accept", "application/vnd.github+json")
    .reply(answer.status, answer.body);
}
