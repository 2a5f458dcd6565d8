
/** One label of a clustering: its size and the median of each column on the original scale. */
export interface ClusterSummary {
  /** The cluster label, `-1` for noise. */
  label: number
  size: number
  /** Median of each column, in column order, before `log1p` and standardisation. */
  medians: number[]
}

/** The result of `bots.clusterFeatures` (the same object as Python's `bots.cluster_features` and the CLI). */
export interface ClusterResult {
  method: 'dbscan' | 'kmeans' | 'gmm' | 'hdbscan'
  columns: string[]
  /** The label of each row: clusters from 0, `-1` for noise. */
  labels: number[]
  n_clusters: number
  n_noise: number
  /** One per label present, in label order (noise first). */
  summaries: ClusterSummary[]
  /** K-Means only. */
  kmeans?: { centres: number[][], iterations: number, inertia: number }
  /** Gaussian mixture only; `probabilities` when `params.probabilities` is true. */
  gmm?: { means: number[][], weights: number[], converged: boolean, iterations: number, lower_bound: number, probabilities?: number[][] }
  /** HDBSCAN only: membership strength of each row in [0, 1]. */
  hdbscan?: { probabilities: number[] }
  /** The clustered (standardised) matrix, when `includeMatrix` was set. */
  matrix?: number[][]
}
