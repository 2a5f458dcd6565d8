//! Version and build information, and the status of each tool.

use serde::{Deserialize, Serialize};

/// The version of the toolkit (the workspace version, shared by every crate and package).
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Whether a tool can be used yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ToolStatus {
    /// The tool has at least one capability that works end to end.
    Available,
    /// The tool is compiled in but implements nothing yet.
    NotImplemented,
    /// The tool was left out of this build (its cargo feature is off).
    NotBuilt,
}

impl ToolStatus {
    /// The status as it appears in JSON: `available`, `not_implemented` or `not_built`.
    pub fn as_str(self) -> &'static str {
        match self {
            ToolStatus::Available => "available",
            ToolStatus::NotImplemented => "not_implemented",
            ToolStatus::NotBuilt => "not_built",
        }
    }
}

/// One tool of the toolkit, as reported by [`build_info`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ToolInfo {
    /// The tool's name: `terms`, `bots`, `ads`, `encyclopedia` or `chat`.
    pub name: String,
    /// Whether it can be used.
    pub status: ToolStatus,
    /// What it implements, by capability name.
    pub capabilities: Vec<String>,
}

/// What this build of the toolkit contains. Deterministic: no dates, no host names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BuildInfo {
    /// Always `disinfo`.
    pub name: String,
    /// The toolkit version.
    pub version: String,
    /// The four tools, in a fixed order.
    pub tools: Vec<ToolInfo>,
}

fn tool(name: &str, built: bool, capabilities: &[&str]) -> ToolInfo {
    let status = match (built, capabilities.is_empty()) {
        (false, _) => ToolStatus::NotBuilt,
        (true, true) => ToolStatus::NotImplemented,
        (true, false) => ToolStatus::Available,
    };
    ToolInfo {
        name: name.to_owned(),
        status,
        capabilities: capabilities.iter().map(|c| (*c).to_owned()).collect(),
    }
}

/// The version and the tools of this build with their status and capabilities.
///
/// ```
/// let info = disinfo::build_info();
/// let names: Vec<_> = info.tools.iter().map(|t| t.name.as_str()).collect();
/// assert_eq!(names, ["terms", "bots", "ads", "encyclopedia", "chat"]);
/// ```
pub fn build_info() -> BuildInfo {
    BuildInfo {
        name: "disinfo".to_owned(),
        version: version().to_owned(),
        tools: vec![
            tool("terms", cfg!(feature = "terms"), terms_capabilities()),
            tool("bots", cfg!(feature = "bots"), bots_capabilities()),
            tool("ads", cfg!(feature = "ads"), ads_capabilities()),
            tool(
                "encyclopedia",
                cfg!(feature = "encyclopedia"),
                encyclopedia_capabilities(),
            ),
            tool("chat", cfg!(feature = "chat"), chat_capabilities()),
        ],
    }
}

macro_rules! capabilities_of {
    ($fn_name:ident, $feature:literal, $krate:ident) => {
        fn $fn_name() -> &'static [&'static str] {
            #[cfg(feature = $feature)]
            {
                $krate::CAPABILITIES
            }
            #[cfg(not(feature = $feature))]
            {
                &[]
            }
        }
    };
}

capabilities_of!(terms_capabilities, "terms", disinfo_terms);
capabilities_of!(bots_capabilities, "bots", disinfo_bots);
capabilities_of!(ads_capabilities, "ads", disinfo_ads);
capabilities_of!(
    encyclopedia_capabilities,
    "encyclopedia",
    disinfo_encyclopedia
);
capabilities_of!(chat_capabilities, "chat", disinfo_chat);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_is_the_workspace_version() {
        assert_eq!(version(), env!("CARGO_PKG_VERSION"));
        assert!(!version().is_empty());
    }

    #[test]
    fn status_follows_build_and_capabilities() {
        assert_eq!(tool("x", false, &["a"]).status, ToolStatus::NotBuilt);
        assert_eq!(tool("x", true, &[]).status, ToolStatus::NotImplemented);
        assert_eq!(tool("x", true, &["a"]).status, ToolStatus::Available);
    }

    #[test]
    fn build_info_serialises_with_snake_case_status() {
        let info = build_info();
        let json = serde_json::to_value(&info).expect("serialisable");
        let status = json["tools"][0]["status"].as_str().expect("a string");
        assert_eq!(status, info.tools[0].status.as_str());
    }
}
