//! The report's pages as HTML: the overview and one page per cluster, in one language.
//!
//! Every text that comes from the data (handles, links, hashtags, notes, the title) goes
//! through [`escape`]. Pages carry a Content-Security-Policy that forbids loading anything, so a
//! page that tried would fail loudly in a browser rather than call out.

use std::fmt::Write as _;

use super::Report;
pub use super::escape::escape;
use super::i18n::{Lang, Text};
use super::svg;
use crate::profile::{ClusterProfile, ClusterVerdict, Shared};

const STYLE: &str = "body{font-family:sans-serif;margin:0;color:#222;background:#fff}main{max-width:960px;margin:0 auto;padding:0 16px 48px}nav{background:#f3f3f3;padding:8px 16px}nav a{margin-right:16px}table{border-collapse:collapse;margin:8px 0}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;font-size:14px}td.n{text-align:right;font-variant-numeric:tabular-nums}svg.chart{display:block;max-width:100%;height:auto;margin:8px 0}.bot-like{color:#b71c1c;font-weight:bold}.mixed{color:#e65100}.organic{color:#2e7d32}code{word-break:break-all}";

/// The file of a cluster's page.
pub fn cluster_file(label: i64) -> String {
    if label < 0 {
        "noise.html".to_string()
    } else {
        format!("cluster-{label}.html")
    }
}

fn page(lang: Lang, title: &str, other: &str, body: &str) -> String {
    let t = lang.text();
    let other_lang = if lang == Lang::En { "fr" } else { "en" };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"><title>{title}</title><style>{STYLE}</style></head>\n<body><nav><a href=\"index.html\">{overview}</a><a href=\"../{other_lang}/{other}\" hreflang=\"{other_lang}\">{switch}</a></nav><main>\n{body}</main></body></html>\n",
        code = lang.code(),
        title = escape(title),
        overview = escape(t.overview),
        switch = escape(t.other_language),
    )
}

/// A number as the language writes it (decimal comma in French).
fn num(lang: Lang, v: f64, digits: usize) -> String {
    let s = format!("{v:.digits$}");
    if lang == Lang::Fr {
        s.replace('.', ",")
    } else {
        s
    }
}

fn pct(lang: Lang, v: f64) -> String {
    let s = num(lang, v * 100.0, 1);
    if lang == Lang::Fr {
        format!("{s} %")
    } else {
        format!("{s}%")
    }
}

fn verdict_word(t: &Text, v: ClusterVerdict) -> &'static str {
    match v {
        ClusterVerdict::BotLike => t.bot_like,
        ClusterVerdict::Mixed => t.mixed,
        ClusterVerdict::Organic => t.organic,
    }
}

fn verdict_colour(v: ClusterVerdict) -> &'static str {
    match v {
        ClusterVerdict::BotLike => "#b71c1c",
        ClusterVerdict::Mixed => "#e65100",
        ClusterVerdict::Organic => "#2e7d32",
    }
}

fn cluster_name(t: &Text, label: i64) -> String {
    if label < 0 {
        t.noise.to_string()
    } else {
        format!("{} {label}", t.cluster)
    }
}

fn summary(lang: Lang, r: &Report) -> String {
    let method = r.clustering.method.as_str();
    let network = r
        .network
        .as_ref()
        .map(|n| (n.kind.as_str(), n.nodes, n.edges));
    match lang {
        Lang::En => {
            let mut s = format!(
                "{} accounts and {} posts; {} clusters found by {method}, {} accounts labelled noise.",
                r.accounts, r.posts, r.clustering.n_clusters, r.clustering.n_noise
            );
            if let Some((kind, nodes, edges)) = network {
                let _ = write!(
                    s,
                    " Coordination network {kind}: {nodes} accounts, {edges} directed edges."
                );
            }
            s
        }
        Lang::Fr => {
            let mut s = format!(
                "{} comptes et {} publications ; {} groupes trouvés par {method}, {} comptes classés comme bruit.",
                r.accounts, r.posts, r.clustering.n_clusters, r.clustering.n_noise
            );
            if let Some((kind, nodes, edges)) = network {
                let _ = write!(
                    s,
                    " Réseau de coordination {kind} : {nodes} comptes, {edges} arêtes orientées."
                );
            }
            s
        }
    }
}

fn ranking_table(lang: Lang, r: &Report) -> String {
    let t = lang.text();
    let mut out = format!(
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t.rank, t.cluster, t.accounts, t.share, t.score, t.verdict
    );
    for c in &r.clusters {
        let _ = write!(
            out,
            "<tr><td class=\"n\">{}</td><td><a href=\"{}\">{}</a></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"{}\">{}</td></tr>",
            c.rank.map_or_else(|| "–".to_string(), |k| k.to_string()),
            cluster_file(c.label),
            escape(&cluster_name(t, c.label)),
            c.size,
            pct(lang, c.share),
            num(lang, c.score, 2),
            c.verdict.as_str(),
            verdict_word(t, c.verdict)
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// The overview page of the report in one language.
pub(crate) fn overview(lang: Lang, r: &Report) -> String {
    let t = lang.text();
    let mut body = format!(
        "<h1>{}</h1>\n<p>{}</p>\n",
        escape(&r.title),
        escape(&summary(lang, r))
    );
    let _ = write!(body, "<h2>{}</h2>\n{}\n", t.ranked, ranking_table(lang, r));
    let scores: Vec<(String, f64, &str)> = r
        .clusters
        .iter()
        .filter(|c| c.label >= 0)
        .map(|c| (cluster_name(t, c.label), c.score, verdict_colour(c.verdict)))
        .collect();
    if !scores.is_empty() {
        body.push_str(&svg::hbars(t.scores_chart, &scores));
    }
    let points: Vec<(f64, f64, i64)> = r.map.points.iter().map(|p| (p.x, p.y, p.label)).collect();
    let explained = |i: usize| r.map.explained.get(i).copied().unwrap_or(0.0);
    let _ = write!(
        body,
        "<h2>{}</h2>\n<p>{} ({} / {})</p>\n{}\n",
        t.map,
        t.map_caption,
        r.map.points.len(),
        r.map.total,
        svg::scatter(
            t.map,
            &points,
            &format!("PC1 ({})", pct(lang, explained(0))),
            &format!("PC2 ({})", pct(lang, explained(1)))
        )
    );
    let _ = writeln!(body, "<h2>{}</h2>", t.creation);
    match &r.population.creation {
        Some(h) => body.push_str(&svg::bars(t.creation, &h.starts, &h.counts, "#455a64")),
        None => {
            let _ = write!(body, "<p>{}</p>", t.no_creation);
        }
    }
    let _ = write!(body, "\n<h2>{}</h2>\n", t.method);
    for paragraph in t.method_text {
        let _ = writeln!(body, "<p>{}</p>", escape(paragraph));
    }
    let params = serde_json::Value::Object(r.clustering.params.clone()).to_string();
    let _ = write!(
        body,
        "<p><code>{} {}</code></p>\n<h2>{}</h2>\n<p><code>{}</code></p>\n<ul>",
        escape(r.clustering.method.as_str()),
        escape(&params),
        t.columns_left_out,
        escape(&r.clustering.columns.join(", "))
    );
    for note in &r.clustering.notes {
        let _ = write!(body, "<li>{}</li>", escape(note));
    }
    let _ = write!(
        body,
        "</ul>\n<p>{}: <code>{}</code></p>\n",
        t.inputs,
        escape(&r.inputs.join(", "))
    );
    page(lang, &r.title, "index.html", &body)
}

fn shared_table(lang: Lang, title: &str, items: &[Shared]) -> String {
    let t = lang.text();
    let mut out = format!("<h3>{title}</h3>");
    if items.is_empty() {
        let _ = write!(out, "<p>{}</p>", t.nothing_shared);
        return out;
    }
    let _ = write!(
        out,
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t.item, t.accounts, t.posts
    );
    for s in items {
        let _ = write!(
            out,
            "<tr><td><code>{}</code></td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&s.value),
            s.accounts,
            s.posts
        );
    }
    out.push_str("</tbody></table>");
    out
}

fn fmt_opt(lang: Lang, v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| num(lang, v, 3))
}

fn central_table(lang: Lang, r: &Report, c: &ClusterProfile) -> String {
    let t = lang.text();
    let shown: Vec<usize> = ["age_h", "posts", "followers", "following", "repost_share"]
        .iter()
        .filter_map(|name| r.feature_columns.iter().position(|c| c == name))
        .collect();
    let mut out = format!(
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th>",
        t.account, t.handle, t.distance
    );
    for &j in &shown {
        let _ = write!(out, "<th>{}</th>", escape(&r.feature_columns[j]));
    }
    out.push_str("</tr></thead><tbody>");
    for e in &c.examples {
        let _ = write!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"n\">{}</td>",
            escape(&e.account_id),
            escape(&e.handle),
            num(lang, e.distance, 3)
        );
        for &j in &shown {
            let _ = write!(
                out,
                "<td class=\"n\">{}</td>",
                fmt_opt(lang, e.values.get(j).copied().flatten())
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

fn coordination(lang: Lang, c: &ClusterProfile) -> String {
    let t = lang.text();
    let Some(k) = &c.coordination else {
        return format!("<p>{}</p>", t.no_network);
    };
    let mut out = match lang {
        Lang::En => format!(
            "<p>{} accounts in the network, {} with a partner in the cluster; {} directed edges inside the cluster, {} to other accounts; density {}.</p>",
            k.in_network,
            k.connected_inside,
            k.internal_edges,
            k.external_edges,
            num(lang, k.density, 4)
        ),
        Lang::Fr => format!(
            "<p>{} comptes dans le réseau, dont {} avec un partenaire dans le groupe ; {} arêtes orientées dans le groupe, {} vers d'autres comptes ; densité {}.</p>",
            k.in_network,
            k.connected_inside,
            k.internal_edges,
            k.external_edges,
            num(lang, k.density, 4)
        ),
    };
    if !k.nodes.is_empty() {
        out.push_str(&svg::network(
            t.network_chart,
            &k.nodes,
            &k.edges,
            svg::colour(c.label),
        ));
    }
    out
}

fn features_table(lang: Lang, c: &ClusterProfile) -> String {
    let t = lang.text();
    let mut out = format!(
        "<table><thead><tr><th>{}</th><th>Q1</th><th>{}</th><th>Q3</th><th>{}</th></tr></thead><tbody>",
        t.feature, t.median, t.missing
    );
    for f in &c.features {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&f.column),
            fmt_opt(lang, f.q1),
            fmt_opt(lang, f.median),
            fmt_opt(lang, f.q3),
            f.missing
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// The page of one cluster in one language.
pub(crate) fn cluster_page(lang: Lang, r: &Report, c: &ClusterProfile) -> String {
    let t = lang.text();
    let name = cluster_name(t, c.label);
    let mut body = format!(
        "<p><a href=\"index.html\">{}</a></p><h1>{}</h1>\n<p>{} {} ({}) · {} {} · <span class=\"{}\">{}</span>{}</p>\n",
        t.back,
        escape(&name),
        c.size,
        t.accounts.to_lowercase(),
        pct(lang, c.share),
        t.score,
        num(lang, c.score, 2),
        c.verdict.as_str(),
        verdict_word(t, c.verdict),
        c.rank
            .map_or_else(String::new, |k| format!(" · {} {k}", t.rank)),
    );
    let s = &c.signals;
    let signals: Vec<(String, f64, &str)> =
        [s.rules, s.coordination, s.creation_burst, s.duplicates]
            .iter()
            .zip(t.signal_names)
            .map(|(v, n)| (n.to_string(), *v, svg::colour(c.label)))
            .collect();
    let _ = write!(
        body,
        "<h2>{}</h2>\n{}\n",
        t.signals,
        svg::hbars(t.signals, &signals)
    );
    if !c.rules.is_empty() {
        let rates: Vec<(String, f64, &str)> = c
            .rules
            .iter()
            .map(|r| (r.rule.clone(), r.pass_rate, "#6a1b9a"))
            .collect();
        let _ = write!(
            body,
            "<h2>{}</h2>\n{}\n",
            t.rules,
            svg::hbars(t.rules, &rates)
        );
    }
    let _ = writeln!(body, "<h2>{}</h2>", t.creation);
    match &c.creation {
        Some(h) => body.push_str(&svg::bars(
            t.creation,
            &h.starts,
            &h.counts,
            svg::colour(c.label),
        )),
        None => {
            let _ = write!(body, "<p>{}</p>", t.no_creation);
        }
    }
    let _ = write!(
        body,
        "\n<h2>{}</h2>\n{}\n",
        t.central,
        central_table(lang, r, c)
    );
    let _ = write!(
        body,
        "<h2>{}</h2>\n{}\n",
        t.coordination,
        coordination(lang, c)
    );
    for (title, items) in [
        (t.shared_links, &c.shared.links),
        (t.shared_hashtags, &c.shared.hashtags),
        (t.shared_domains, &c.shared.domains),
        (t.repost_sources, &c.shared.repost_sources),
    ] {
        body.push_str(&shared_table(lang, title, items));
        body.push('\n');
    }
    let _ = write!(
        body,
        "<h2>{}</h2>\n{}\n",
        t.features,
        features_table(lang, c)
    );
    page(
        lang,
        &format!("{name} · {}", r.title),
        &cluster_file(c.label),
        &body,
    )
}

/// The root page: a choice of language.
pub(crate) fn root(r: &Report) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"><title>{t}</title><style>{STYLE}</style></head>\n<body><main><h1>{t}</h1><p><a href=\"en/index.html\" hreflang=\"en\">English</a> · <a href=\"fr/index.html\" hreflang=\"fr\">Français</a></p><p><a href=\"report.json\">report.json</a></p></main></body></html>\n",
        t = escape(&r.title)
    )
}
