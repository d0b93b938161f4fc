export const APP_ID = 123;
export const BOT_LOGIN = "senseloop[bot]";
export const WEBHOOK_SECRET = "test-webhook-secret";
export const INSTALLATION_ID = 42;

export interface TestRepo {
  id: number;
  owner: string;
  name: string;
  fullName: string;
}

export const repo = (owner: string, name: string, id: number): TestRepo => ({ id, owner, name, fullName: `${owner}/${name}` });

/** The repository most tests happen in. */
export const SHOP = repo("acme", "shop", 1001);
/** A central hypotheses repository of the same installation. */
export const PRODUCT = repo("acme", "product", 1002);
/** A repository of another installation. */
export const SECRET = repo("rival", "secret", 9009);
