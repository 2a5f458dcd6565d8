//! GraphML and GEXF writers (hand-written, escaped; no XML dependency needed for writing).

use std::fmt::Write;

use super::{ExportNode, evidence_cell};
use crate::network::Network;

/// Escapes text for XML attribute values and character data; drops characters XML 1.0 forbids.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

pub(crate) fn graphml(network: &Network, nodes: &[ExportNode], labels: bool) -> String {
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    s.push_str("  <key id=\"handle\" for=\"node\" attr.name=\"handle\" attr.type=\"string\"/>\n");
    s.push_str(
        "  <key id=\"trace_posts\" for=\"node\" attr.name=\"trace_posts\" attr.type=\"long\"/>\n",
    );
    if labels {
        s.push_str(
            "  <key id=\"component\" for=\"node\" attr.name=\"component\" attr.type=\"long\"/>\n",
        );
        s.push_str(
            "  <key id=\"community\" for=\"node\" attr.name=\"community\" attr.type=\"long\"/>\n",
        );
    }
    for (id, ty) in [
        ("weight", "long"),
        ("reverse_weight", "long"),
        ("symmetric_weight", "long"),
        ("balance", "double"),
        ("evidence", "string"),
    ] {
        let _ = writeln!(
            s,
            "  <key id=\"{id}\" for=\"edge\" attr.name=\"{id}\" attr.type=\"{ty}\"/>"
        );
    }
    let _ = writeln!(
        s,
        "  <graph id=\"{}\" edgedefault=\"directed\">",
        escape(network.options.kind.as_str())
    );
    for n in nodes {
        let _ = write!(s, "    <node id=\"{}\">", escape(&n.id));
        if let Some(h) = &n.handle {
            let _ = write!(s, "<data key=\"handle\">{}</data>", escape(h));
        }
        let _ = write!(s, "<data key=\"trace_posts\">{}</data>", n.trace_posts);
        if labels {
            let _ = write!(
                s,
                "<data key=\"component\">{}</data>",
                n.component.map_or(-1, i64::from)
            );
            let _ = write!(
                s,
                "<data key=\"community\">{}</data>",
                n.community.map_or(-1, i64::from)
            );
        }
        s.push_str("</node>\n");
    }
    for e in &network.edges {
        let _ = writeln!(
            s,
            "    <edge source=\"{}\" target=\"{}\"><data key=\"weight\">{}</data><data key=\"reverse_weight\">{}</data><data key=\"symmetric_weight\">{}</data><data key=\"balance\">{}</data><data key=\"evidence\">{}</data></edge>",
            escape(&e.source),
            escape(&e.target),
            e.weight,
            e.reverse_weight,
            e.symmetric_weight,
            e.balance,
            escape(&evidence_cell(e))
        );
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

pub(crate) fn gexf(network: &Network, nodes: &[ExportNode], labels: bool) -> String {
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n");
    let _ = writeln!(
        s,
        "  <meta><creator>disinfo</creator><description>{} network, window {} s</description></meta>",
        escape(network.options.kind.as_str()),
        network.options.window_secs
    );
    s.push_str("  <graph defaultedgetype=\"directed\" mode=\"static\">\n");
    s.push_str("    <attributes class=\"node\">\n      <attribute id=\"0\" title=\"handle\" type=\"string\"/>\n      <attribute id=\"1\" title=\"trace_posts\" type=\"long\"/>\n");
    if labels {
        s.push_str("      <attribute id=\"2\" title=\"component\" type=\"long\"/>\n      <attribute id=\"3\" title=\"community\" type=\"long\"/>\n");
    }
    s.push_str("    </attributes>\n");
    s.push_str("    <attributes class=\"edge\">\n      <attribute id=\"0\" title=\"reverse_weight\" type=\"long\"/>\n      <attribute id=\"1\" title=\"symmetric_weight\" type=\"long\"/>\n      <attribute id=\"2\" title=\"balance\" type=\"double\"/>\n      <attribute id=\"3\" title=\"evidence\" type=\"string\"/>\n    </attributes>\n");
    s.push_str("    <nodes>\n");
    for n in nodes {
        let label = n.handle.as_deref().unwrap_or(&n.id);
        let _ = write!(
            s,
            "      <node id=\"{}\" label=\"{}\"><attvalues>",
            escape(&n.id),
            escape(label)
        );
        if let Some(h) = &n.handle {
            let _ = write!(s, "<attvalue for=\"0\" value=\"{}\"/>", escape(h));
        }
        let _ = write!(s, "<attvalue for=\"1\" value=\"{}\"/>", n.trace_posts);
        if labels {
            let _ = write!(
                s,
                "<attvalue for=\"2\" value=\"{}\"/>",
                n.component.map_or(-1, i64::from)
            );
            let _ = write!(
                s,
                "<attvalue for=\"3\" value=\"{}\"/>",
                n.community.map_or(-1, i64::from)
            );
        }
        s.push_str("</attvalues></node>\n");
    }
    s.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in network.edges.iter().enumerate() {
        let _ = writeln!(
            s,
            "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" weight=\"{}\"><attvalues><attvalue for=\"0\" value=\"{}\"/><attvalue for=\"1\" value=\"{}\"/><attvalue for=\"2\" value=\"{}\"/><attvalue for=\"3\" value=\"{}\"/></attvalues></edge>",
            escape(&e.source),
            escape(&e.target),
            e.weight,
            e.reverse_weight,
            e.symmetric_weight,
            e.balance,
            escape(&evidence_cell(e))
        );
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}
