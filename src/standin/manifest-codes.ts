import { randomToken } from "./ids.js";
import type { Permissions } from "./model.js";

export interface Manifest {
  name?: string;
  url?: string;
  description?: string;
  redirect_url?: string;
  callback_urls?: string[];
  hook_attributes?: { url?: string; active?: boolean };
  default_permissions?: Permissions;
  default_events?: string[];
}

/** Codes handed out by the "create app from manifest" page, redeemed once by the conversion. */
export class ManifestCodes {
  private readonly codes = new Map<string, Manifest>();

  issue(manifest: Manifest): string {
    const code = randomToken("", 20).toLowerCase();
    this.codes.set(code, manifest);
    return code;
  }

  take(code: string): Manifest | undefined {
    const manifest = this.codes.get(code);
    this.codes.delete(code);
    return manifest;
  }
}
