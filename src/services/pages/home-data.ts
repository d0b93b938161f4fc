import type { Db } from "../../db/client.js";
import type { LoopFigures } from "../../domain/loop-counts.js";
import { figuresOf } from "./figures.js";
import { visibleOwners, type VisibleRepository } from "./visible.js";

export interface OwnerSummary {
  login: string;
  repositories: number;
  figures: LoopFigures;
}

/** The signed-in home page: each organisation or user the person can see, with its headline numbers. */
export async function homeData(db: Db, now: Date, visible: readonly VisibleRepository[]): Promise<OwnerSummary[]> {
  return Promise.all(
    visibleOwners(visible).map(async (owner) => ({ login: owner.login, repositories: owner.repositories.length, figures: (await figuresOf(db, now, owner.repositories)).totals })),
  );
}
