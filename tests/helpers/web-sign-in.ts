import type { Harness } from "./harness.js";
import type { TestRepo } from "./ids.js";
import { nockAuthenticatedUser, nockCodeExchange, nockUserAccess } from "./user-github.js";
import { WebClient } from "./web-client.js";

let signIns = 0;

export interface SignedIn {
  client: WebClient;
  access: string;
  refresh: string;
}

/**
 * Signs `login` in through the real routes: /login, GitHub's redirect back with a code (its
 * exchange and `GET /user` mocked), and the session cookie. Access is mocked for the first page
 * when `access` is given.
 */
export async function signIn(h: Harness, base: string, login: string, o: { access?: { installationId: number; account: string; repos: TestRepo[] }[]; expiresIn?: number } = {}): Promise<SignedIn> {
  const n = ++signIns;
  const access = `ghu_access_${login}_${n}`;
  const refresh = `ghr_refresh_${login}_${n}`;
  const client = new WebClient(base);
  const login_ = await client.get("/login");
  const authorize = new URL(login_.headers.get("location")!);
  nockCodeExchange(`code-${n}`, { access, refresh, now: h.time.now(), ...(o.expiresIn ? { expiresIn: o.expiresIn } : {}) });
  nockAuthenticatedUser(access, login);
  const back = await client.get(`/auth/callback?code=code-${n}&state=${authorize.searchParams.get("state")}`);
  if (back.status !== 303) throw new Error(`sign-in did not finish: ${back.status} ${await back.text()}`);
  if (o.access) nockUserAccess(access, o.access);
  return { client, access, refresh };
}
