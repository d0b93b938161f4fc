export interface Layer {
  name: string;
  /** Files and folders (ending in `/`) under `src/`. */
  files: string[];
  job: string;
  uses: string[];
  noKernel?: boolean;
}

export declare const KERNEL: { name: string; files: string[]; job: string };
export declare function pathOf(layer: { files: string[] }): string;
export declare const LAYERS: Layer[];
