import { markRepositoryRemoved, setInstallationActive, setInstallationSuspended, upsertInstallation, upsertRepository } from "../db/queries/repositories.js";
import type { Handler } from "./context.js";
import { readPayload } from "./context.js";
import { InstallationEvent, InstallationRepositoriesEvent } from "./payloads.js";

type InstallationRepo = { id: number; full_name: string; private?: boolean | undefined };

async function addRepositories(rt: Parameters<Handler>[0]["rt"], installationId: number, repos: InstallationRepo[]) {
  const now = rt.clock.now();
  for (const repo of repos) {
    const [owner, name] = repo.full_name.split("/") as [string, string];
    await upsertRepository(rt.db, { id: repo.id, installationId, owner, name, private: repo.private }, now);
  }
}

export const onInstallation: Handler = async ({ rt, payload, log }) => {
  const event = readPayload(InstallationEvent, payload);
  const { id } = event.installation;
  const now = rt.clock.now();
  const account = event.installation.account;
  switch (event.action) {
    case "created":
    case "new_permissions_accepted":
      await upsertInstallation(rt.db, { id, accountLogin: account?.login ?? "unknown", accountType: account?.type }, now);
      await addRepositories(rt, id, event.repositories ?? []);
      break;
    case "deleted":
      await setInstallationActive(rt.db, id, false, now);
      break;
    case "suspend":
      await setInstallationSuspended(rt.db, id, true, now);
      break;
    case "unsuspend":
      await setInstallationSuspended(rt.db, id, false, now);
      break;
  }
  log.info({ installation: id, action: event.action }, "installation changed");
};

export const onInstallationRepositories: Handler = async ({ rt, payload }) => {
  const event = readPayload(InstallationRepositoriesEvent, payload);
  const { id } = event.installation;
  await upsertInstallation(rt.db, { id, accountLogin: event.installation.account?.login ?? "unknown", accountType: event.installation.account?.type }, rt.clock.now());
  await addRepositories(rt, id, event.repositories_added);
  for (const repo of event.repositories_removed) await markRepositoryRemoved(rt.db, repo.id, rt.clock.now());
};
