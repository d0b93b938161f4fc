import { onAccessChanged } from "../services/viewer/access-changes.js";
import { readPayload, type AppHandler } from "./context.js";
import { AppAuthorizationEvent } from "./payloads.js";

/** The person revoked the app in their GitHub settings: their tokens are dead, so they are signed out everywhere. */
export const onAppAuthorization: AppHandler = async ({ scope, payload }) => {
  const event = readPayload(AppAuthorizationEvent, payload);
  if (event.action === "revoked") await onAccessChanged(scope, { kind: "authorization-revoked", userId: event.sender.id });
  return [];
};
