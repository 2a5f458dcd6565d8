// Generated from the operation specs of the Rust core (crates/disinfo/src/api). Do not edit:
// run `DISINFO_UPDATE_GENERATED=1 cargo test -p disinfo --test generated` after changing them.
'use strict'

const native = require('./binding.js')

// Hook functions travel in the options object; the addon takes them as arguments.
function takeHooks(options, names) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return [{}, options]
  let rest
  try {
    rest = { ...options }
  } catch {
    return [{}, options] // the addon reports what cannot be read, with a code
  }
  const hooks = {}
  for (const name of names) {
    hooks[name] = asHook(rest[name])
    delete rest[name]
  }
  return [hooks, rest]
}

function asHook(f) {
  if (typeof f !== 'function') return f
  return (text) => {
    let out
    try {
      out = f(text)
    } catch (e) {
      throw e instanceof Error ? e : new Error(String(e))
    }
    if (typeof out !== 'string') throw new TypeError(`a hook must return a string, not ${out === null ? 'null' : typeof out}`)
    return out
  }
}

// Numeric result fields that cross as arrays of numbers, as typed arrays (labels of a million
// accounts as an Int32Array, the layout of `features().values`).
function typedArray(result, field, Type) {
  return { ...result, [field]: Type.from(result[field]) }
}

function version() {
  return native.call('core.version', [], null)
}

function versionAsync() {
  return native.callAsync('core.version', [], null)
}

function buildInfo() {
  return native.call('core.build_info', [], null)
}

function buildInfoAsync() {
  return native.callAsync('core.build_info', [], null)
}

const terms = {
  extract(content, options) {
    const [hooks, rest] = takeHooks(options, ['before', 'after'])
    return native.call('terms.extract', [content, hooks.before, hooks.after], rest)
  },
  extractAsync(content, options) {
    const [hooks, rest] = takeHooks(options, ['before', 'after'])
    return native.callAsync('terms.extract', [content, hooks.before, hooks.after], rest)
  },
  extractDeclared(contents, options) {
    return native.call('terms.extract_declared', [contents], options)
  },
  extractDeclaredAsync(contents, options) {
    return native.callAsync('terms.extract_declared', [contents], options)
  },
  extractBatch(jobs, options) {
    return native.call('terms.extract_batch', [jobs], options)
  },
  extractBatchAsync(jobs, options) {
    return native.callAsync('terms.extract_batch', [jobs], options)
  },
  parseDeclaration(text, options) {
    return native.call('terms.parse_declaration', [text], options)
  },
  parseDeclarationAsync(text, options) {
    return native.callAsync('terms.parse_declaration', [text], options)
  },
  loadDeclaration(path) {
    return native.call('terms.load_declaration', [path], null)
  },
  loadDeclarationAsync(path) {
    return native.callAsync('terms.load_declaration', [path], null)
  },
  validate(paths) {
    return native.call('terms.validate', [paths], null)
  },
  validateAsync(paths) {
    return native.callAsync('terms.validate', [paths], null)
  },
  diff(old, new_, options) {
    return native.call('terms.diff', [old, new_], options)
  },
  diffAsync(old, new_, options) {
    return native.callAsync('terms.diff', [old, new_], options)
  },
  diffRender(old, new_, options) {
    return native.call('terms.diff_render', [old, new_], options)
  },
  diffRenderAsync(old, new_, options) {
    return native.callAsync('terms.diff_render', [old, new_], options)
  },
  services(repo) {
    return native.call('terms.services', [repo], null)
  },
  servicesAsync(repo) {
    return native.callAsync('terms.services', [repo], null)
  },
  versions(repo, service, termsType) {
    return native.call('terms.versions', [repo, service, termsType], null)
  },
  versionsAsync(repo, service, termsType) {
    return native.callAsync('terms.versions', [repo, service, termsType], null)
  },
  versionAt(repo, service, termsType, date) {
    return native.call('terms.version_at', [repo, service, termsType, date], null)
  },
  versionAtAsync(repo, service, termsType, date) {
    return native.callAsync('terms.version_at', [repo, service, termsType, date], null)
  },
  history(repo, options) {
    return native.call('terms.history', [repo], options)
  },
  historyAsync(repo, options) {
    return native.callAsync('terms.history', [repo], options)
  },
  track(declarations, versions, snapshots, options) {
    return native.call('terms.track', [declarations, versions, snapshots], options)
  },
  trackAsync(declarations, versions, snapshots, options) {
    return native.callAsync('terms.track', [declarations, versions, snapshots], options)
  },
  replay(declarations, snapshots, versions, options) {
    return native.call('terms.replay', [declarations, snapshots, versions], options)
  },
  replayAsync(declarations, snapshots, versions, options) {
    return native.callAsync('terms.replay', [declarations, snapshots, versions], options)
  },
}

const bots = {
  features(inputs, inputFormat, options) {
    return native.call('bots.features', [inputs, inputFormat], options)
  },
  featuresAsync(inputs, inputFormat, options) {
    return native.callAsync('bots.features', [inputs, inputFormat], options)
  },
  featuresFromText(data, inputFormat, options) {
    return native.call('bots.features_from_text', [data, inputFormat], options)
  },
  featuresFromTextAsync(data, inputFormat, options) {
    return native.callAsync('bots.features_from_text', [data, inputFormat], options)
  },
  read(inputs, inputFormat, options) {
    return native.call('bots.read', [inputs, inputFormat], options)
  },
  readAsync(inputs, inputFormat, options) {
    return native.callAsync('bots.read', [inputs, inputFormat], options)
  },
  rule(rule, inputs, inputFormat, options) {
    return native.call('bots.rule', [rule, inputs, inputFormat], options)
  },
  ruleAsync(rule, inputs, inputFormat, options) {
    return native.callAsync('bots.rule', [rule, inputs, inputFormat], options)
  },
  handleLikelihood(handle) {
    return native.call('bots.handle_likelihood', [handle], null)
  },
  handleLikelihoodAsync(handle) {
    return native.callAsync('bots.handle_likelihood', [handle], null)
  },
  synthetic(options) {
    return native.call('bots.synthetic', [], options)
  },
  syntheticAsync(options) {
    return native.callAsync('bots.synthetic', [], options)
  },
  coordinate(inputs, inputFormat, options) {
    return native.call('bots.coordinate', [inputs, inputFormat], options)
  },
  coordinateAsync(inputs, inputFormat, options) {
    return native.callAsync('bots.coordinate', [inputs, inputFormat], options)
  },
  coordinateText(data, inputFormat, options) {
    return native.call('bots.coordinate_text', [data, inputFormat], options)
  },
  coordinateTextAsync(data, inputFormat, options) {
    return native.callAsync('bots.coordinate_text', [data, inputFormat], options)
  },
  exportNetwork(result, format) {
    return native.call('bots.export_network', [result, format], null)
  },
  exportNetworkAsync(result, format) {
    return native.callAsync('bots.export_network', [result, format], null)
  },
  normalizeText(text) {
    return native.call('bots.normalize_text', [text], null)
  },
  normalizeTextAsync(text) {
    return native.callAsync('bots.normalize_text', [text], null)
  },
  coordinateTraces(posts, options) {
    return native.call('bots.coordinate_traces', [posts], options)
  },
  coordinateTracesAsync(posts, options) {
    return native.callAsync('bots.coordinate_traces', [posts], options)
  },
  coordinateTracesFile(input, inputFormat, options) {
    return native.call('bots.coordinate_traces_file', [input, inputFormat], options)
  },
  coordinateTracesFileAsync(input, inputFormat, options) {
    return native.callAsync('bots.coordinate_traces_file', [input, inputFormat], options)
  },
  coordinatePartition(traces, options) {
    return native.call('bots.coordinate_partition', [traces], options)
  },
  coordinatePartitionAsync(traces, options) {
    return native.callAsync('bots.coordinate_partition', [traces], options)
  },
  coordinateMerge(edges, nodes, options) {
    return native.call('bots.coordinate_merge', [edges, nodes], options)
  },
  coordinateMergeAsync(edges, nodes, options) {
    return native.callAsync('bots.coordinate_merge', [edges, nodes], options)
  },
  coordinateMergeEdges(edges, options) {
    return native.call('bots.coordinate_merge_edges', [edges], options)
  },
  coordinateMergeEdgesAsync(edges, options) {
    return native.callAsync('bots.coordinate_merge_edges', [edges], options)
  },
  clusterFeatures(table, options) {
    return typedArray(native.call('bots.cluster_features', [table], options), 'labels', Int32Array)
  },
  clusterFeaturesAsync(table, options) {
    return native.callAsync('bots.cluster_features', [table], options).then((r) => typedArray(r, 'labels', Int32Array))
  },
  clusterAccounts(inputs, inputFormat, options) {
    return typedArray(native.call('bots.cluster_accounts', [inputs, inputFormat], options), 'labels', Int32Array)
  },
  clusterAccountsAsync(inputs, inputFormat, options) {
    return native.callAsync('bots.cluster_accounts', [inputs, inputFormat], options).then((r) => typedArray(r, 'labels', Int32Array))
  },
  report(inputs, inputFormat, options) {
    return native.call('bots.report', [inputs, inputFormat], options)
  },
  reportAsync(inputs, inputFormat, options) {
    return native.callAsync('bots.report', [inputs, inputFormat], options)
  },
}

const ads = {
  audit(collections, options) {
    return native.call('ads.audit', [collections], options)
  },
  auditAsync(collections, options) {
    return native.callAsync('ads.audit', [collections], options)
  },
  auditShard(collections, shard, shards, options) {
    return native.call('ads.audit_shard', [collections, shard, shards], options)
  },
  auditShardAsync(collections, shard, shards, options) {
    return native.callAsync('ads.audit_shard', [collections, shard, shards], options)
  },
  auditMerge(shards) {
    return native.call('ads.audit_merge', [shards], null)
  },
  auditMergeAsync(shards) {
    return native.callAsync('ads.audit_merge', [shards], null)
  },
  reviewCampaign(collections, options) {
    return native.call('ads.review_campaign', [collections], options)
  },
  reviewCampaignAsync(collections, options) {
    return native.callAsync('ads.review_campaign', [collections], options)
  },
  reviewAssign(campaign, answers, reviewer, options) {
    return native.call('ads.review_assign', [campaign, answers, reviewer], options)
  },
  reviewAssignAsync(campaign, answers, reviewer, options) {
    return native.callAsync('ads.review_assign', [campaign, answers, reviewer], options)
  },
  reviewSummary(campaign, answers) {
    return native.call('ads.review_summary', [campaign, answers], null)
  },
  reviewSummaryAsync(campaign, answers) {
    return native.callAsync('ads.review_summary', [campaign, answers], null)
  },
  reviewExport(campaign, answers, options) {
    return native.call('ads.review_export', [campaign, answers], options)
  },
  reviewExportAsync(campaign, answers, options) {
    return native.callAsync('ads.review_export', [campaign, answers], options)
  },
  reviewAgreement(answers, options) {
    return native.call('ads.review_agreement', [answers], options)
  },
  reviewAgreementAsync(answers, options) {
    return native.callAsync('ads.review_agreement', [answers], options)
  },
  reviewQuestionnaire(path) {
    return native.call('ads.review_questionnaire', [path], null)
  },
  reviewQuestionnaireAsync(path) {
    return native.callAsync('ads.review_questionnaire', [path], null)
  },
  render(report, options) {
    return native.call('ads.render', [report], options)
  },
  renderAsync(report, options) {
    return native.callAsync('ads.render', [report], options)
  },
  search(pattern, collections, options) {
    return native.call('ads.search', [pattern, collections], options)
  },
  searchAsync(pattern, collections, options) {
    return native.callAsync('ads.search', [pattern, collections], options)
  },
  generate(scenario, outDir, options) {
    return native.call('ads.generate', [scenario, outDir], options)
  },
  generateAsync(scenario, outDir, options) {
    return native.callAsync('ads.generate', [scenario, outDir], options)
  },
}

const encyclopedia = {
  check(path, options) {
    return native.call('encyclopedia.check', [path], options)
  },
  checkAsync(path, options) {
    return native.callAsync('encyclopedia.check', [path], options)
  },
  checkFiles(files, options) {
    return native.call('encyclopedia.check_files', [files], options)
  },
  checkFilesAsync(files, options) {
    return native.callAsync('encyclopedia.check_files', [files], options)
  },
  migrate(oldDir, newDir, created) {
    return native.call('encyclopedia.migrate', [oldDir, newDir, created], null)
  },
  migrateAsync(oldDir, newDir, created) {
    return native.callAsync('encyclopedia.migrate', [oldDir, newDir, created], null)
  },
  migratePages(pages, created) {
    return native.call('encyclopedia.migrate_pages', [pages, created], null)
  },
  migratePagesAsync(pages, created) {
    return native.callAsync('encyclopedia.migrate_pages', [pages, created], null)
  },
  rules() {
    return native.call('encyclopedia.rules', [], null)
  },
  rulesAsync() {
    return native.callAsync('encyclopedia.rules', [], null)
  },
  schema() {
    return native.call('encyclopedia.schema', [], null)
  },
  schemaAsync() {
    return native.callAsync('encyclopedia.schema', [], null)
  },
  toText(report) {
    return native.call('encyclopedia.to_text', [report], null)
  },
  toTextAsync(report) {
    return native.callAsync('encyclopedia.to_text', [report], null)
  },
}

const chat = {
  handle(config, body, headers, options) {
    return native.call('chat.handle', [config, body, headers], options)
  },
  handleAsync(config, body, headers, options) {
    return native.callAsync('chat.handle', [config, body, headers], options)
  },
  page(config, name, query) {
    return native.call('chat.page', [config, name, query], null)
  },
  pageAsync(config, name, query) {
    return native.callAsync('chat.page', [config, name, query], null)
  },
  sign(secret, timestamp, body) {
    return native.call('chat.sign', [secret, timestamp, body], null)
  },
  signAsync(secret, timestamp, body) {
    return native.callAsync('chat.sign', [secret, timestamp, body], null)
  },
  commands() {
    return native.call('chat.commands', [], null)
  },
  commandsAsync() {
    return native.callAsync('chat.commands', [], null)
  },
}

module.exports = {
  version,
  versionAsync,
  buildInfo,
  buildInfoAsync,
  terms,
  bots,
  ads,
  encyclopedia,
  chat,
  _forcePanic: native._forcePanic,
  _forcePanicAsync: native._forcePanicAsync,
}
