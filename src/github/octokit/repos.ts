import type { ReposPort } from "../port.js";
import { orNull, type Client } from "./call.js";

const STANDARD_ROLES = new Set(["admin", "maintain", "write", "triage", "read"]);

export function reposAdapter(client: Client): ReposPort {
  const { octokit } = client;
  return {
    get: (ref) =>
      orNull(client, async () => {
        const { data } = await octokit.rest.repos.get({ ...ref });
        return { id: data.id, owner: data.owner.login, name: data.name, fullName: data.full_name, defaultBranch: data.default_branch, private: data.private };
      }),

    /**
     * `role_name` tells maintain from write and triage from read (`permission` does not); a
     * custom role is named after itself, so it is reported by the base permission it extends.
     */
    async roleOf(ref, login) {
      const role = await orNull(client, async () => {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...ref, username: login });
        const roleName = (data as { role_name?: string }).role_name;
        return roleName && STANDARD_ROLES.has(roleName) ? roleName : data.permission;
      });
      return role ?? "none";
    },
  };
}
