import { onInstallationChanged } from "../services/installations.js";
import { readPayload, type Handler } from "./context.js";
import { InstallationEvent, InstallationRepositoriesEvent } from "./payloads.js";

const account = (installation: { id: number; account?: { login: string; type?: string | undefined } | null | undefined }) => ({
  id: installation.id,
  accountLogin: installation.account?.login ?? "unknown",
  accountType: installation.account?.type,
});

const repos = (list: { id: number; full_name: string; private?: boolean | undefined }[]) => list.map((r) => ({ id: r.id, fullName: r.full_name, private: r.private }));

export const onInstallation: Handler = async ({ scope, payload }) => {
  const event = readPayload(InstallationEvent, payload);
  const installation = account(event.installation);
  if (event.action === "created" || event.action === "new_permissions_accepted") {
    await onInstallationChanged(scope, { action: event.action, installation, repositories: repos(event.repositories ?? []) });
  } else if (event.action === "deleted" || event.action === "suspend" || event.action === "unsuspend") {
    await onInstallationChanged(scope, { action: event.action, installation });
  }
  return [];
};

export const onInstallationRepositories: Handler = async ({ scope, payload }) => {
  const event = readPayload(InstallationRepositoriesEvent, payload);
  await onInstallationChanged(scope, { action: "repositories", installation: account(event.installation), added: repos(event.repositories_added), removed: repos(event.repositories_removed) });
  return [];
};
