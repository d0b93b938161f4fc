import { eq } from "drizzle-orm";
import type { Db } from "../client.js";
import { heartbeats } from "../schema/index.js";

export async function beat(db: Db, name: string, at: Date): Promise<void> {
  await db.insert(heartbeats).values({ name, seenAt: at }).onConflictDoUpdate({ target: heartbeats.name, set: { seenAt: at } });
}

/** When a process of this kind was last seen running; null when none ever was. */
export async function lastSeen(db: Db, name: string): Promise<Date | null> {
  return (await db.select({ at: heartbeats.seenAt }).from(heartbeats).where(eq(heartbeats.name, name)).limit(1))[0]?.at ?? null;
}
