//! The canonical flavour: each documented difference from `ota`.

use disinfo_terms::declaration::{Selectors, SourceDocument};
use disinfo_terms::extract::{ExtractOptions, extract};
use disinfo_terms::markdown::Flavor;

fn both(html: &str) -> (String, String) {
    let source = SourceDocument::new(
        "https://example.com/legal/terms",
        Selectors::css("main"),
        None,
    );
    let ota = extract(
        html.as_bytes(),
        None,
        &source,
        &ExtractOptions::with_flavor(Flavor::Ota),
    )
    .expect("ota");
    let canonical = extract(
        html.as_bytes(),
        None,
        &source,
        &ExtractOptions::with_flavor(Flavor::Canonical),
    )
    .expect("canonical");
    (ota, canonical)
}

#[test]
fn headings_are_atx() {
    let (ota, can) = both("<main><h1>One</h1><h2>Two</h2><h3>Three</h3></main>");
    assert_eq!(ota, "One\n===\n\nTwo\n---\n\n### Three");
    assert_eq!(can, "# One\n\n## Two\n\n### Three");
}

#[test]
fn hidden_elements_and_controls_are_dropped() {
    let html = "<main><p>kept</p><p hidden>h</p><div aria-hidden=\"true\">a</div><span style=\"color:red; display: none !important\">s</span>\
                <noscript>enable js</noscript><template><p>t</p></template><svg><text>svg</text></svg>\
                <form><button>OK</button><select><option>o</option></select><input value=v><textarea>x</textarea></form></main>";
    let (ota, can) = both(html);
    assert_eq!(can, "kept");
    assert!(ota.contains("OK") && ota.contains('h'));
}

#[test]
fn images_become_absolute_and_tracking_params_go() {
    let (ota, can) = both(
        "<main><p><img src='../logo.png' alt='L'> <a href='/p?utm_source=x&amp;keep=1&amp;fbclid=2'>p</a></p></main>",
    );
    assert_eq!(
        ota,
        "![L](../logo.png) [p](https://example.com/p?utm_source=x&keep=1&fbclid=2)"
    );
    assert_eq!(
        can,
        "![L](https://example.com/logo.png) [p](https://example.com/p?keep=1)"
    );
}

#[test]
fn table_cells_have_no_raw_html() {
    let (ota, can) = both(
        "<main><table><tr><th>A</th></tr><tr><td><p>one</p><p>two</p>x<br>y</td></tr></table></main>",
    );
    assert!(ota.contains("<br>"));
    assert_eq!(can, "| A   |\n| --- |\n| one two x y |");
}

#[test]
fn ordered_lists_number_consistently() {
    let (ota, can) = both(
        "<main><ol start='x'><li>a</li><li>b</li></ol><ol><li>c</li><script></script><div>d</div><li>e</li></ol></main>",
    );
    assert!(ota.starts_with("NaN.  a"));
    assert_eq!(can, "1.  a\n2.  b\n\n1.  c\n\nd\n\n2.  e");
}

#[test]
fn unicode_is_nfc_and_whitespace_normalised() {
    let (ota, can) = both("<main><p>Cafe\u{301}&nbsp;&nbsp;ok</p><p>line<br>break</p></main>");
    assert_eq!(ota, "Cafe\u{301}\u{a0}\u{a0}ok\n\nline  \nbreak");
    assert_eq!(can, "Caf\u{e9}  ok\n\nline\nbreak");
}
