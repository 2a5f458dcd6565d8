//! PNG charts drawn in Rust: the distribution of an indicator across accounts.
//!
//! A [`Histogram`] counts the finite values of an indicator in equal-width bins between their
//! minimum and maximum (the last bin closed, so the maximum is counted); NaN and infinities are
//! skipped and counted apart. [`Histogram::to_png`] draws it: axes, bars, tick marks and labels
//! in a tiny built-in bitmap font (digits, `.`, `-`, `+`, `e`, `k`, `M`). The chart carries no
//! title: the answer that links it names the indicator and repeats every bin's range and count,
//! so nothing needs to be read off the pixels.
//!
//! Empty input, one value, all-equal values and non-finite values all give a valid PNG; nothing
//! here panics on input.
//!
//! ```
//! use disinfo_chat::chart::{histogram, Histogram};
//! let png = histogram(&[1.0, 2.0, 2.5, 9.0], 4, 320, 200);
//! assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
//! let h = Histogram::new(&[1.0, 2.0, 2.5, 9.0, f64::NAN], 4);
//! assert_eq!(h.counts, [3, 0, 0, 1]);
//! assert_eq!(h.skipped, 1);
//! ```

/// Smallest and largest chart sides drawn (other sizes are clamped into this range).
const MIN_SIDE: u32 = 120;
const MAX_SIDE: u32 = 2000;
/// At most this many bins (more would be thinner than a pixel on a chat-sized chart).
pub const MAX_BINS: usize = 100;

/// Equal-width bins over the finite values.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// The smallest finite value (0 when there is none).
    pub lo: f64,
    /// The largest finite value (0 when there is none).
    pub hi: f64,
    /// The count of each bin, left to right; empty when there is no finite value, one bin when
    /// every value is the same.
    pub counts: Vec<u64>,
    /// Values left out because they are NaN or infinite.
    pub skipped: usize,
}

impl Histogram {
    /// Counts `values` in `bins` equal-width bins (`bins` is taken in 1..=[`MAX_BINS`]).
    pub fn new(values: &[f64], bins: usize) -> Histogram {
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let skipped = values.len() - finite.len();
        let (Some(lo), Some(hi)) = (
            finite.iter().copied().reduce(f64::min),
            finite.iter().copied().reduce(f64::max),
        ) else {
            return Histogram {
                lo: 0.0,
                hi: 0.0,
                counts: Vec::new(),
                skipped,
            };
        };
        if lo == hi {
            return Histogram {
                lo,
                hi,
                counts: vec![finite.len() as u64],
                skipped,
            };
        }
        let bins = bins.clamp(1, MAX_BINS);
        let mut counts = vec![0u64; bins];
        // Halved so that a span such as [-1e308, 1e308] does not overflow to infinity.
        let span = hi / 2.0 - lo / 2.0;
        for v in finite {
            let at = ((v / 2.0 - lo / 2.0) / span * bins as f64).floor();
            // `as usize` saturates (NaN gives 0); the maximum falls in the last bin.
            let i = (at.max(0.0) as usize).min(bins - 1);
            counts[i] += 1;
        }
        Histogram {
            lo,
            hi,
            counts,
            skipped,
        }
    }

    /// The `[start, end]` range of each bin (the end belongs to the next bin, except the last).
    pub fn ranges(&self) -> Vec<(f64, f64)> {
        let n = self.counts.len();
        (0..n)
            .map(|i| {
                (
                    self.edge(i),
                    if i + 1 == n {
                        self.hi
                    } else {
                        self.edge(i + 1)
                    },
                )
            })
            .collect()
    }

    /// The left edge of bin `i` (`hi` for `i == bins`).
    fn edge(&self, i: usize) -> f64 {
        let n = self.counts.len().max(1) as f64;
        let t = i as f64 / n;
        // Interpolated from both ends so that edge 0 is exactly `lo` and edge n exactly `hi`.
        self.lo * (1.0 - t) + self.hi * t
    }

    /// The counted values (finite ones).
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The chart as a PNG of `width × height` pixels (each side clamped to 120..=2000).
    pub fn to_png(&self, width: u32, height: u32) -> Vec<u8> {
        let mut canvas = Canvas::new(
            width.clamp(MIN_SIDE, MAX_SIDE),
            height.clamp(MIN_SIDE * 2 / 3, MAX_SIDE),
        );
        draw(self, &mut canvas);
        canvas.encode()
    }
}

/// The number of bins for `n` values: the square-root rule, between 1 and 20.
pub fn default_bins(n: usize) -> usize {
    ((n as f64).sqrt().ceil() as usize).clamp(1, 20)
}

/// A histogram of `values` in `bins` bins drawn as a `width × height` PNG.
pub fn histogram(values: &[f64], bins: usize, width: u32, height: u32) -> Vec<u8> {
    Histogram::new(values, bins).to_png(width, height)
}

/// A number in at most about five characters of the chart font: `0`, `0.25`, `12.5`, `840`,
/// `1.2k`, `3.4M`, `1.5e-4`, `2.0e9`.
pub fn short_number(v: f64) -> String {
    if !v.is_finite() {
        return "-".into();
    }
    let a = v.abs();
    let trimmed = |s: String| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    let text = if a == 0.0 {
        "0".to_string()
    } else if !(1e-3..1e9).contains(&a) {
        format!("{v:.1e}")
    } else if a >= 1e6 {
        format!("{}M", trimmed(format!("{:.1}", v / 1e6)))
    } else if a >= 1e4 {
        format!("{}k", trimmed(format!("{:.1}", v / 1e3)))
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 10.0 {
        trimmed(format!("{v:.1}"))
    } else if a >= 0.1 {
        trimmed(format!("{v:.2}"))
    } else {
        trimmed(format!("{v:.3}"))
    };
    if text == "-0" { "0".into() } else { text }
}

type Rgb = [u8; 3];
const BACKGROUND: Rgb = [255, 255, 255];
const AXIS: Rgb = [40, 40, 40];
const GRID: Rgb = [228, 228, 228];
/// The bars' colour (steel blue).
pub const BAR: Rgb = [70, 130, 180];

/// Space around the plot: left for the count labels, bottom for the value labels.
const LEFT: u32 = 44;
const RIGHT: u32 = 24;
const TOP: u32 = 16;
const BOTTOM: u32 = 26;
/// The font is 3×5 pixels drawn at this scale, with one scaled pixel between characters.
const SCALE: u32 = 2;
const CHAR_W: u32 = 4 * SCALE;

struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32) -> Canvas {
        let mut pixels = Vec::with_capacity((width * height * 3) as usize);
        for _ in 0..width * height {
            pixels.extend_from_slice(&BACKGROUND);
        }
        Canvas {
            width,
            height,
            pixels,
        }
    }

    /// Fills the rectangle `[x0, x1) × [y0, y1)`, clipped to the canvas.
    fn fill(&mut self, x0: u32, y0: u32, x1: u32, y1: u32, color: Rgb) {
        for y in y0.min(self.height)..y1.min(self.height) {
            for x in x0.min(self.width)..x1.min(self.width) {
                let at = ((y * self.width + x) * 3) as usize;
                self.pixels[at..at + 3].copy_from_slice(&color);
            }
        }
    }

    /// Writes `text` with its top-left corner at `(x, y)`; unknown characters are blank.
    fn text(&mut self, x: u32, y: u32, text: &str, color: Rgb) {
        for (i, c) in text.chars().enumerate() {
            let rows = glyph(c);
            let cx = x + i as u32 * CHAR_W;
            for (r, bits) in rows.iter().enumerate() {
                for col in 0..3u32 {
                    if bits & (0b100 >> col) != 0 {
                        let px = cx + col * SCALE;
                        let py = y + r as u32 * SCALE;
                        self.fill(px, py, px + SCALE, py + SCALE, color);
                    }
                }
            }
        }
    }

    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        // The sides are clamped and the buffer matches them, so encoding into memory cannot
        // fail; an empty body would still be answered rather than a panic.
        let written = encoder
            .write_header()
            .and_then(|mut writer| writer.write_image_data(&self.pixels));
        if written.is_err() {
            return Vec::new();
        }
        out
    }
}

/// Width in pixels of `text` in the chart font.
fn text_width(text: &str) -> u32 {
    (text.chars().count() as u32 * CHAR_W).saturating_sub(SCALE)
}

/// The 3×5 glyph of `c`: five rows, the high bit of three on the left.
fn glyph(c: char) -> [u8; 5] {
    match c {
        '0' => [0b111, 0b101, 0b101, 0b101, 0b111],
        '1' => [0b010, 0b110, 0b010, 0b010, 0b111],
        '2' => [0b111, 0b001, 0b111, 0b100, 0b111],
        '3' => [0b111, 0b001, 0b111, 0b001, 0b111],
        '4' => [0b101, 0b101, 0b111, 0b001, 0b001],
        '5' => [0b111, 0b100, 0b111, 0b001, 0b111],
        '6' => [0b111, 0b100, 0b111, 0b101, 0b111],
        '7' => [0b111, 0b001, 0b001, 0b010, 0b010],
        '8' => [0b111, 0b101, 0b111, 0b101, 0b111],
        '9' => [0b111, 0b101, 0b111, 0b001, 0b111],
        '.' => [0b000, 0b000, 0b000, 0b000, 0b010],
        '-' => [0b000, 0b000, 0b111, 0b000, 0b000],
        '+' => [0b000, 0b010, 0b111, 0b010, 0b000],
        'e' => [0b000, 0b111, 0b111, 0b100, 0b111],
        'k' => [0b100, 0b101, 0b110, 0b101, 0b101],
        'M' => [0b101, 0b111, 0b111, 0b101, 0b101],
        _ => [0; 5],
    }
}

fn draw(h: &Histogram, canvas: &mut Canvas) {
    let (w, ht) = (canvas.width, canvas.height);
    let (x0, x1, y0, y1) = (LEFT, w - RIGHT, TOP, ht - BOTTOM);
    let plot_w = x1 - x0;
    let plot_h = y1 - y0;
    let max = h.counts.iter().copied().max().unwrap_or(0);
    let label_y = y1 + 6 + SCALE;

    // Horizontal grid lines and count labels at 0, half and the maximum.
    let mut ticks = vec![0u64];
    if max >= 2 {
        ticks.push(max / 2);
    }
    if max >= 1 {
        ticks.push(max);
    }
    ticks.dedup();
    for &t in &ticks {
        let y = bar_top(t, max, y1, plot_h);
        if t > 0 {
            canvas.fill(x0 + 1, y, x1, y + 1, GRID);
        }
        canvas.fill(x0 - 4, y, x0, y + 1, AXIS);
        let label = t.to_string();
        let lx = (x0 - 6).saturating_sub(text_width(&label));
        canvas.text(lx, y.saturating_sub(2 * SCALE), &label, AXIS);
    }

    // Bars, with a one-pixel gap between neighbours when they are wide enough.
    let bins = h.counts.len() as u32;
    for (i, &count) in h.counts.iter().enumerate() {
        let i = i as u32;
        let left = x0 + i * plot_w / bins;
        let right = x0 + (i + 1) * plot_w / bins;
        let gap = u32::from(right - left > 3);
        if count > 0 {
            let top = bar_top(count, max, y1, plot_h);
            canvas.fill(left + 1, top, right - gap, y1, BAR);
        }
    }

    // Axes.
    canvas.fill(x0, y0, x0 + 1, y1 + 1, AXIS);
    canvas.fill(x0, y1, x1, y1 + 1, AXIS);

    // Tick marks at every bin edge; value labels where they fit without overlapping.
    if bins == 0 {
        return;
    }
    if h.lo == h.hi {
        let mid = x0 + plot_w / 2;
        canvas.fill(mid, y1, mid + 1, y1 + 5, AXIS);
        let label = short_number(h.lo);
        let lx = mid.saturating_sub(text_width(&label) / 2);
        canvas.text(lx, label_y, &label, AXIS);
        return;
    }
    let mut free_from = 0u32;
    for i in 0..=bins {
        let x = (x0 + i * plot_w / bins).min(x1 - 1);
        canvas.fill(x, y1, x + 1, y1 + 5, AXIS);
        let label = short_number(h.edge(i as usize));
        let lw = text_width(&label);
        let lx = x.saturating_sub(lw / 2).min(w.saturating_sub(lw + 1));
        // The last edge is always labelled; earlier ones only where they leave it room.
        let last_room = i == bins || lx + lw + CHAR_W * 2 + text_width(&short_number(h.hi)) <= x1;
        if lx >= free_from && last_room {
            canvas.text(lx, label_y, &label, AXIS);
            free_from = lx + lw + CHAR_W;
        }
    }
}

/// The y of the top of a bar of `count` (the axis at `y1` is 0, the plot's top `max`).
fn bar_top(count: u64, max: u64, y1: u32, plot_h: u32) -> u32 {
    if max == 0 {
        return y1;
    }
    let usable = u64::from(plot_h.saturating_sub(4));
    y1 - (count.min(max) * usable / max) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes a PNG into (width, height, RGB pixels).
    fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        let mut reader = decoder.read_info().expect("a PNG header");
        let mut buf = vec![0; reader.output_buffer_size().expect("a buffer size")];
        let info = reader.next_frame(&mut buf).expect("a frame");
        assert_eq!(info.color_type, png::ColorType::Rgb);
        buf.truncate(info.buffer_size());
        (info.width, info.height, buf)
    }

    fn pixel(image: &(u32, u32, Vec<u8>), x: u32, y: u32) -> [u8; 3] {
        let at = ((y * image.0 + x) * 3) as usize;
        [image.2[at], image.2[at + 1], image.2[at + 2]]
    }

    fn bar_pixels_in_column(image: &(u32, u32, Vec<u8>), x: u32) -> u32 {
        (0..image.1).filter(|&y| pixel(image, x, y) == BAR).count() as u32
    }

    #[test]
    fn the_png_decodes_back_at_the_asked_size() {
        let image = decode(&histogram(&[1.0, 2.0, 3.0], 3, 400, 220));
        assert_eq!((image.0, image.1), (400, 220));
    }

    #[test]
    fn bars_stand_where_the_values_are_and_only_there() {
        // Bins of [0, 2.5), [2.5, 5), [5, 7.5), [7.5, 10]: counts 3, 0, 0, 1.
        let values = [0.0, 1.0, 2.0, 10.0];
        let image = decode(&histogram(&values, 4, 440, 240));
        let plot_w = 440 - LEFT - RIGHT;
        let centre = |i: u32| LEFT + (2 * i + 1) * plot_w / 8;
        let tall = bar_pixels_in_column(&image, centre(0));
        let short = bar_pixels_in_column(&image, centre(3));
        assert!(tall > 150, "the first bar holds the most values: {tall}");
        assert!(short > 0 && short * 3 <= tall + 3, "{short} vs {tall}");
        assert_eq!(bar_pixels_in_column(&image, centre(1)), 0);
        assert_eq!(bar_pixels_in_column(&image, centre(2)), 0);
        // The axis line runs under the bars.
        assert_eq!(pixel(&image, centre(1), 240 - BOTTOM), AXIS);
    }

    #[test]
    fn empty_input_gives_axes_and_no_bar() {
        let h = Histogram::new(&[], 10);
        assert!(h.counts.is_empty() && h.ranges().is_empty());
        let image = decode(&h.to_png(300, 200));
        assert_eq!((image.0, image.1), (300, 200));
        assert!(!image.2.chunks(3).any(|p| p == BAR));
        assert_eq!(pixel(&image, LEFT, 200 - BOTTOM), AXIS);
    }

    #[test]
    fn one_value_is_one_full_bar() {
        let h = Histogram::new(&[42.0], 10);
        assert_eq!(h.counts, [1]);
        assert_eq!(h.ranges(), [(42.0, 42.0)]);
        let image = decode(&h.to_png(300, 200));
        assert!(bar_pixels_in_column(&image, 150) > 100);
    }

    #[test]
    fn all_equal_values_are_one_bin() {
        let h = Histogram::new(&[3.0; 50], 7);
        assert_eq!((h.counts.clone(), h.lo, h.hi), (vec![50], 3.0, 3.0));
        assert!(decode(&h.to_png(300, 200)).2.chunks(3).any(|p| p == BAR));
    }

    #[test]
    fn nan_and_infinities_are_skipped_and_counted() {
        let values = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1.0, 2.0];
        let h = Histogram::new(&values, 2);
        assert_eq!((h.counts.clone(), h.skipped), (vec![1, 1], 3));
        let only_nan = Histogram::new(&[f64::NAN, f64::NAN], 5);
        assert!(only_nan.counts.is_empty());
        assert_eq!(only_nan.skipped, 2);
        assert_eq!(decode(&only_nan.to_png(200, 150)).0, 200);
    }

    #[test]
    fn extreme_values_and_sizes_do_not_panic() {
        let h = Histogram::new(&[-f64::MAX, f64::MAX, 0.0], 3);
        assert_eq!(h.counts, [1, 1, 1]);
        let image = decode(&histogram(&[-f64::MAX, f64::MAX], 0, 0, u32::MAX));
        assert_eq!((image.0, image.1), (MIN_SIDE, MAX_SIDE));
        assert_eq!(Histogram::new(&[1.0, 2.0], 10_000).counts.len(), MAX_BINS);
    }

    #[test]
    fn the_maximum_falls_in_the_last_bin_and_ranges_meet() {
        let h = Histogram::new(&[0.0, 5.0, 10.0], 2);
        assert_eq!(h.counts, [1, 2]);
        assert_eq!(h.ranges(), [(0.0, 5.0), (5.0, 10.0)]);
        assert_eq!(h.total(), 3);
    }

    #[test]
    fn short_numbers_use_only_the_fonts_characters() {
        let cases = [
            (0.0, "0"),
            (0.25, "0.25"),
            (12.5, "12.5"),
            (840.4, "840"),
            (12_345.0, "12.3k"),
            (3_400_000.0, "3.4M"),
            (-2.0, "-2"),
            (0.00015, "1.5e-4"),
        ];
        for (v, text) in cases {
            assert_eq!(short_number(v), text);
            assert!(text.chars().all(|c| glyph(c) != [0; 5]), "{text}");
        }
    }

    #[test]
    fn default_bins_follow_the_square_root_rule() {
        assert_eq!([0, 1, 4, 10, 1000].map(default_bins), [1, 1, 2, 4, 20]);
    }
}
