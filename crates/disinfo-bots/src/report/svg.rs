//! Charts as inline SVG, drawn here: bar charts (creation dates), horizontal bars (scores,
//! pass rates), the scatter map of accounts and a circle drawing of a network.
//!
//! Written by hand rather than with `plotters`: its SVG backend needs a font back end to lay out
//! text (system fonts or an embedded TTF), which makes the output depend on the machine; these
//! charts need only rectangles, circles, lines and `<text>`, laid out with fixed sizes, so the
//! same numbers give the same bytes everywhere. Every chart is an `<svg class="chart">` with a
//! `<title>`, and every text in it is escaped.

use std::fmt::Write as _;

use super::escape::escape;

/// Colours of clusters 0, 1, ... (cycled); the noise is grey.
pub const PALETTE: [&str; 10] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#bcbd22", "#393b79",
];

/// The noise's colour.
pub const NOISE: &str = "#9e9e9e";

/// The colour of a cluster label.
pub fn colour(label: i64) -> &'static str {
    if label < 0 {
        NOISE
    } else {
        PALETTE[(label as usize) % PALETTE.len()]
    }
}

/// A number with `digits` decimals, without a trailing `-0`.
fn num(v: f64, digits: usize) -> String {
    let s = format!("{v:.digits$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

fn open(out: &mut String, width: f64, height: f64, title: &str) {
    let _ = write!(
        out,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{t}"><title>{t}</title>"#,
        num(width, 0),
        num(height, 0),
        num(width, 0),
        num(height, 0),
        t = escape(title)
    );
}

/// A vertical bar chart of counts (creation dates per bin); every `label_every`-th bin is
/// labelled under the axis.
pub fn bars(title: &str, labels: &[String], counts: &[usize], colour: &str) -> String {
    let (width, height, left, bottom, top) = (720.0, 220.0, 48.0, 40.0, 12.0);
    let mut out = String::new();
    open(&mut out, width, height, title);
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let n = counts.len().max(1) as f64;
    let plot_w = width - left - 8.0;
    let plot_h = height - bottom - top;
    let bar_w = plot_w / n;
    let _ = write!(
        out,
        r##"<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="#444"/><text x="4" y="{ty}" font-size="11">{max}</text>"##,
        l = num(left, 1),
        b = num(top + plot_h, 1),
        r = num(width - 8.0, 1),
        ty = num(top + 10.0, 1),
        max = max as usize
    );
    for (i, &c) in counts.iter().enumerate() {
        if c == 0 {
            continue;
        }
        let h = plot_h * c as f64 / max;
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{colour}"><title>{}: {c}</title></rect>"#,
            num(left + bar_w * i as f64, 2),
            num(top + plot_h - h, 2),
            num((bar_w - 0.5).max(0.5), 2),
            num(h, 2),
            escape(labels.get(i).map_or("", String::as_str))
        );
    }
    let every = (counts.len() / 6).max(1);
    for (i, label) in labels.iter().enumerate().step_by(every) {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="10">{}</text>"#,
            num(left + bar_w * i as f64, 1),
            num(height - bottom + 16.0, 1),
            escape(label)
        );
    }
    out.push_str("</svg>");
    out
}

/// Horizontal bars of values in [0, 1] with their labels and colours.
pub fn hbars(title: &str, items: &[(String, f64, &str)]) -> String {
    let row = 22.0;
    let (width, left) = (720.0, 220.0);
    let height = row * items.len().max(1) as f64 + 10.0;
    let mut out = String::new();
    open(&mut out, width, height, title);
    for (i, (label, value, colour)) in items.iter().enumerate() {
        let y = 5.0 + row * i as f64;
        let w = (width - left - 70.0) * value.clamp(0.0, 1.0);
        let _ = write!(
            out,
            r#"<text x="4" y="{}" font-size="12">{}</text><rect x="{}" y="{}" width="{}" height="{}" fill="{colour}"><title>{}: {}</title></rect><text x="{}" y="{}" font-size="12">{}</text>"#,
            num(y + 14.0, 1),
            escape(label),
            num(left, 1),
            num(y + 3.0, 1),
            num(w.max(1.0), 2),
            num(row - 8.0, 1),
            escape(label),
            num(*value, 3),
            num(left + w + 6.0, 1),
            num(y + 14.0, 1),
            num(*value, 2)
        );
    }
    out.push_str("</svg>");
    out
}

/// The scatter map: points `(x, y, label)` scaled into the frame, coloured by cluster.
pub fn scatter(title: &str, points: &[(f64, f64, i64)], x_label: &str, y_label: &str) -> String {
    let (width, height, pad) = (720.0, 480.0, 36.0);
    let mut out = String::new();
    open(&mut out, width, height, title);
    let (mut x0, mut x1, mut y0, mut y1) = (
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
    );
    for &(x, y, _) in points {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let span = |a: f64, b: f64| if b > a { b - a } else { 1.0 };
    let (sx, sy) = (
        (width - 2.0 * pad) / span(x0, x1),
        (height - 2.0 * pad) / span(y0, y1),
    );
    let _ = write!(
        out,
        r##"<rect x="{p}" y="{p}" width="{w}" height="{h}" fill="none" stroke="#ccc"/><text x="{p}" y="{by}" font-size="11">{xl}</text><text x="4" y="{ly}" font-size="11">{yl}</text>"##,
        p = num(pad, 0),
        w = num(width - 2.0 * pad, 0),
        h = num(height - 2.0 * pad, 0),
        by = num(height - 10.0, 0),
        ly = num(pad - 10.0, 0),
        xl = escape(x_label),
        yl = escape(y_label)
    );
    // Noise first, so that clusters are drawn over it.
    let mut order: Vec<&(f64, f64, i64)> = points.iter().collect();
    order.sort_by_key(|p| (p.2 >= 0, p.2));
    for &&(x, y, label) in &order {
        let _ = write!(
            out,
            r#"<circle cx="{}" cy="{}" r="2" fill="{}" fill-opacity="0.7"/>"#,
            num(pad + (x - x0.min(x)) * sx, 1),
            num(height - pad - (y - y0.min(y)) * sy, 1),
            colour(label)
        );
    }
    out.push_str("</svg>");
    out
}

/// A network drawn on a circle: node names, edges `(a, b, weight)` with widths by weight.
pub fn network(
    title: &str,
    nodes: &[String],
    edges: &[(usize, usize, u64)],
    colour: &str,
) -> String {
    let (size, radius) = (480.0, 190.0);
    let centre = size / 2.0;
    let mut out = String::new();
    open(&mut out, size, size, title);
    let n = nodes.len().max(1) as f64;
    let at = |i: usize| {
        let a = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
        (centre + radius * a.cos(), centre + radius * a.sin())
    };
    let max = edges.iter().map(|e| e.2).max().unwrap_or(1).max(1) as f64;
    for &(a, b, w) in edges {
        let ((x1, y1), (x2, y2)) = (at(a), at(b));
        let _ = write!(
            out,
            r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#555" stroke-opacity="0.5" stroke-width="{}"><title>{} – {}: {w}</title></line>"##,
            num(x1, 1),
            num(y1, 1),
            num(x2, 1),
            num(y2, 1),
            num(0.5 + 3.5 * w as f64 / max, 2),
            escape(nodes.get(a).map_or("", String::as_str)),
            escape(nodes.get(b).map_or("", String::as_str))
        );
    }
    for (i, name) in nodes.iter().enumerate() {
        let (x, y) = at(i);
        let _ = write!(
            out,
            r#"<circle cx="{}" cy="{}" r="5" fill="{colour}"><title>{}</title></circle>"#,
            num(x, 1),
            num(y, 1),
            escape(name)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_escape_their_text_and_are_deterministic() {
        let a = bars("<b>", &["2019-01-01".into()], &[3], "#000");
        assert!(a.contains("&lt;b&gt;") && !a.contains("<b>"));
        assert_eq!(a, bars("<b>", &["2019-01-01".into()], &[3], "#000"));
        let s = scatter("map", &[(0.0, 0.0, 0), (1.0, -1.0, -1)], "x", "y");
        assert_eq!(s.matches("<circle").count(), 2);
        let n = network("net", &["a&b".into(), "c".into()], &[(0, 1, 2)], "#000");
        assert!(n.contains("a&amp;b") && n.contains("<line"));
        assert!(hbars("h", &[("x".into(), 0.5, "#000")]).contains("<rect"));
    }
}
