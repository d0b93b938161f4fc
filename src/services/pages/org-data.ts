import type { Db } from "../../db/client.js";
import type { LoopFigures } from "../../domain/loop-counts.js";
import type { FeatureFactoryWeek } from "../../domain/feature-factory.js";
import { featureFactoryOf, figuresOf, type FiguresOf, type RepositoryFigures } from "./figures.js";
import { fullName, type VisibleOwner } from "./visible.js";

export const ORG_SORTS = ["name", "overdue", "sensing", "responded", "median", "closure", "linked"] as const;
export type OrgSort = (typeof ORG_SORTS)[number];
export type SortDirection = "asc" | "desc";

const VALUE: Record<Exclude<OrgSort, "name">, (f: LoopFigures) => number | null> = {
  overdue: (f) => f.overdue,
  sensing: (f) => f.sensing,
  responded: (f) => f.respondedRecently,
  median: (f) => f.medianDaysToResponse,
  closure: (f) => f.closureRate,
  linked: (f) => f.linkedShare,
};

/** Rows in the order asked for; a repository without the figure (no responses yet…) goes last either way, then by name. */
export function sortRepositories(rows: readonly RepositoryFigures[], sort: OrgSort, direction: SortDirection): RepositoryFigures[] {
  const byName = (a: RepositoryFigures, b: RepositoryFigures) => fullName(a.repository).toLowerCase().localeCompare(fullName(b.repository).toLowerCase());
  const sign = direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (sort === "name") return sign * byName(a, b);
    const x = VALUE[sort](a.figures);
    const y = VALUE[sort](b.figures);
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return sign * (x - y) || byName(a, b);
  });
}

export interface OrgData extends FiguresOf {
  owner: string;
  featureFactory: FeatureFactoryWeek[];
}

/** The organisation page: its totals, one row per repository in the order asked for, and the feature-factory index. */
export async function orgData(db: Db, now: Date, owner: VisibleOwner, order: { sort: OrgSort; direction: SortDirection }): Promise<OrgData> {
  const [figures, featureFactory] = await Promise.all([figuresOf(db, now, owner.repositories), featureFactoryOf(db, now, owner.repositories)]);
  return { owner: owner.login, ...figures, featureFactory, repositories: sortRepositories(figures.repositories, order.sort, order.direction) };
}
