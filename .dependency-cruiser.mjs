import { KERNEL, LAYERS, pathOf } from "./layers.mjs";

const byName = new Map(LAYERS.map((layer) => [layer.name, layer]));

/** One rule per layer: from its files, no import of ours outside its own layer, what it uses and the kernel. */
const layerRules = LAYERS.map((layer) => ({
  name: `layer-${layer.name}`,
  comment: `${layer.name} may use: ${[...layer.uses, ...(layer.noKernel ? [] : ["kernel"])].join(", ") || "nothing of ours"}`,
  severity: "error",
  from: { path: pathOf(layer) },
  to: { path: "^src/", pathNot: [pathOf(layer), ...layer.uses.map((name) => pathOf(byName.get(name))), ...(layer.noKernel ? [] : [pathOf(KERNEL)])] },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...layerRules,
    {
      name: "in-a-layer",
      severity: "error",
      comment: "every source file belongs to a layer of layers.mjs",
      from: { path: "^src/", pathNot: [...LAYERS.map(pathOf), pathOf(KERNEL)] },
      to: {},
    },
    { name: "no-circular", severity: "error", comment: "a cycle makes two files one concept", from: {}, to: { circular: true } },
    { name: "kernel-stays-small", severity: "error", comment: "the kernel imports nothing of ours", from: { path: pathOf(KERNEL) }, to: { path: "^src/", pathNot: pathOf(KERNEL) } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Type-only imports count: a type from another layer is still a dependency on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
