/** `npm run start:prod`'s node arguments, paths made absolute (see start-prod-args.mjs). */
export function startProdArgs(): string[];
