/** What the exporter writes and the app reads: one source of truth for anchors and classes. */

export interface AnchorLevel {
  /** Feature-map stride in input pixels (8, 16, 32). */
  stride: number;
  /** Anchor heights in input pixels. */
  heights: number[];
  /** Width / height ratios. */
  aspects: number[];
}

/** Stored in model.json's `userDefinedMetadata.detector`. */
export interface DetectorMetadata {
  name: string;
  version: string;
  architecture: string;
  width: number;
  /** Input size the model was trained at. */
  trainSize: number;
  /** The app's default input size (longer side): the whole-frame search's first pass. */
  inputSize: number;
  /** Input size of the zoomed second pass (v5+; older models zoom at inputSize). */
  zoomSize?: number;
  /** Class names by index (0-9 digits, then "letter"); logit 0 is background. */
  classes: string[];
  levels: AnchorLevel[];
  centerVariance: number;
  sizeVariance: number;
  /** Largest intermediate tensor in values per input pixel (sizes the WebGL textures needed). */
  maxActivationPerPixel: number;
  preprocessing: string;
}

/** One file of a model version, as listed in models/digits/latest.json. */
export interface ModelFile {
  name: string;
  size: number;
  sha256: string;
}

/** models/digits/latest.json: names the current version and its files. */
export interface ModelManifest {
  version: string;
  /** Folder of the version, relative to models/digits/. */
  path: string;
  inputSize: number;
  files: ModelFile[];
}

export function isDetectorMetadata(x: unknown): x is DetectorMetadata {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  return (
    typeof m.version === 'string' &&
    typeof m.inputSize === 'number' &&
    Array.isArray(m.levels) &&
    Array.isArray(m.classes) &&
    typeof m.centerVariance === 'number' &&
    typeof m.sizeVariance === 'number'
  );
}
