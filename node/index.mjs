// Generated from the operation specs of the Rust core (crates/disinfo/src/api). Do not edit:
// run `DISINFO_UPDATE_GENERATED=1 cargo test -p disinfo --test generated` after changing them.

import disinfo from './index.js'

export const {
  version,
  versionAsync,
  buildInfo,
  buildInfoAsync,
  terms,
  bots,
  ads,
  encyclopedia,
  chat,
  _forcePanic,
  _forcePanicAsync,
} = disinfo

export default disinfo
