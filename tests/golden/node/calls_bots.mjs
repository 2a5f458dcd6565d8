// Golden dispatch of the `bots.*` calls to the Node package: each entry takes (args, options).
import { createRequire } from 'node:module'

const disinfo = createRequire(import.meta.url)('../../../node')

// The JSON shape of the Rust `FeaturesResult`: Float64Array columns back to rows, NaN as null.
function featuresJson(r) {
  const rows = r.accountIds.map((_, i) => r.values.map((col) => (Number.isNaN(col[i]) ? null : col[i])))
  return {
    features: { account_ids: r.accountIds, handles: r.handles, columns: r.columns, rows },
    read: r.read,
  }
}

export const CALLS = {
  // --- adapters and features ---
  features_from_text: (args, options) => featuresJson(disinfo.bots.featuresFromText(args[0], args[1], options)),
  handle_likelihood: (args) => disinfo.bots.handleLikelihood(args[0]),
  // --- coordination networks ---
  coordinate_text: (args, options) => disinfo.bots.coordinateText(args[0], args[1], options),
  // --- feature clustering ---
  cluster_features: (args, options) => disinfo.bots.clusterFeatures(args[0], options),
}
