//! Fills a [`ParsedAd`] field by field, setting each field's state (present, null, absent, not
//! requested, invalid) and recording value problems.

use super::object::{self, Raw, RawObject, Slot};
use super::values;
use super::{FileContext, ParsedAd, ValueIssue};
use crate::model::{Field, FieldState, Range};

/// Builds one [`ParsedAd`].
pub struct Builder<'c> {
    ctx: &'c FileContext<'c>,
    /// The record being built.
    pub ad: ParsedAd,
}

fn shorten(s: &str) -> String {
    if s.len() <= 80 {
        s.to_owned()
    } else {
        let mut end = 80;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}…", &s[..end])
    }
}

impl<'c> Builder<'c> {
    /// A builder for a record of the file of `ctx`.
    pub fn new(ctx: &'c FileContext<'c>) -> Self {
        Builder {
            ctx,
            ad: ParsedAd::default(),
        }
    }

    /// The finished record.
    pub fn finish(self) -> ParsedAd {
        self.ad
    }

    /// Sets the state of `field`.
    pub fn set(&mut self, field: Field, state: FieldState) {
        self.ad.states.set(field, state);
    }

    /// Sets `field` to present unless it already is.
    pub fn present(&mut self, field: Field) {
        self.set(field, FieldState::Present);
    }

    /// Records a value problem and marks the field invalid.
    pub fn issue(
        &mut self,
        field: Field,
        code: &'static str,
        native: &str,
        raw: &str,
        message: String,
    ) {
        self.set(field, FieldState::Invalid);
        self.ad.issues.push(ValueIssue {
            field,
            code,
            native: native.to_owned(),
            raw: shorten(raw),
            message,
        });
    }

    /// Looks `aliases` up in `obj`; sets the field's state for a missing or null member and
    /// returns the raw value otherwise (the caller then sets present or invalid).
    pub fn slot<'a>(
        &mut self,
        obj: &RawObject<'a>,
        field: Field,
        aliases: &[&'static str],
    ) -> Option<(Raw<'a>, &'static str)> {
        match obj.get_any(aliases) {
            (Slot::Value(v), Some(name)) => Some((v, name)),
            (Slot::Null, _) => {
                self.set(field, FieldState::Null);
                None
            }
            _ => {
                self.missing(field, aliases);
                None
            }
        }
    }

    /// Marks a field missing: `absent` if requested (or unknown), `not_requested` otherwise.
    pub fn missing(&mut self, field: Field, aliases: &[&str]) {
        let state = if self.ctx.requested.any(aliases) {
            FieldState::Absent
        } else {
            FieldState::NotRequested
        };
        self.set(field, state);
    }

    /// A text field (strings; numbers accepted as text). Empty text is `null`.
    pub fn text(
        &mut self,
        obj: &RawObject<'_>,
        field: Field,
        aliases: &[&'static str],
    ) -> Option<String> {
        let (raw, name) = self.slot(obj, field, aliases)?;
        match object::text(raw) {
            Ok(s) if values::is_blank(&s) => {
                self.set(field, FieldState::Null);
                None
            }
            Ok(s) => {
                self.present(field);
                Some(s)
            }
            Err(m) => {
                self.issue(field, "wrong_type", name, raw.get(), m);
                None
            }
        }
    }

    /// A list of texts (an array, or one string). An empty list is `null`.
    pub fn texts(
        &mut self,
        obj: &RawObject<'_>,
        field: Field,
        aliases: &[&'static str],
    ) -> Option<Vec<String>> {
        let (raw, name) = self.slot(obj, field, aliases)?;
        match object::text_list(raw) {
            Ok(v) if v.iter().all(|s| values::is_blank(s)) => {
                self.set(field, FieldState::Null);
                None
            }
            Ok(v) => {
                self.present(field);
                Some(v)
            }
            Err(m) => {
                self.issue(field, "wrong_type", name, raw.get(), m);
                None
            }
        }
    }

    /// Any non-empty value makes the field present (lists of objects we only count).
    pub fn any(
        &mut self,
        obj: &RawObject<'_>,
        field: Field,
        aliases: &[&'static str],
    ) -> Option<&'static str> {
        let (raw, name) = self.slot(obj, field, aliases)?;
        let s = raw.get().trim();
        if matches!(s, "[]" | "{}" | "\"\"") {
            self.set(field, FieldState::Null);
        } else {
            self.present(field);
        }
        Some(name)
    }

    /// A timestamp (see [`values::parse_time`]); numbers such as TikTok's `20190513` accepted.
    pub fn time(
        &mut self,
        obj: &RawObject<'_>,
        field: Field,
        aliases: &[&'static str],
    ) -> Option<i64> {
        let (raw, name) = self.slot(obj, field, aliases)?;
        let s = match object::text_ref(raw) {
            Ok(s) => s,
            Err(m) => {
                self.issue(field, "wrong_type", name, raw.get(), m);
                return None;
            }
        };
        if values::is_blank(&s) {
            self.set(field, FieldState::Null);
            return None;
        }
        self.time_text(field, name, &s)
    }

    /// Parses a timestamp text for `field`.
    pub fn time_text(&mut self, field: Field, native: &str, s: &str) -> Option<i64> {
        match values::parse_time(s) {
            Ok(t) => {
                self.present(field);
                Some(t)
            }
            Err(m) => {
                self.issue(field, "invalid_date", native, s, m);
                None
            }
        }
    }

    /// A count written as a number or a digit string (Meta writes bounds as strings).
    fn bound(&mut self, field: Field, native: &str, raw: Raw<'_>) -> Result<u64, ()> {
        match object::text_ref(raw) {
            Ok(n) => values::parse_count(&n)
                .map_err(|m| self.issue(field, "invalid_range", native, raw.get(), m)),
            Err(_) => {
                self.issue(
                    field,
                    "invalid_range",
                    native,
                    raw.get(),
                    "a bound must be a number or a digit string".into(),
                );
                Err(())
            }
        }
    }

    /// A range: Meta's `{"lower_bound": "100", "upper_bound": "199"}` (no upper bound = open),
    /// a bucket string (`10k-100k`, `≤ 10k`, `> 10M`), or a number (exact).
    pub fn range(
        &mut self,
        obj: &RawObject<'_>,
        field: Field,
        aliases: &[&'static str],
    ) -> Option<Range> {
        let (raw, name) = self.slot(obj, field, aliases)?;
        self.range_value(field, name, raw)
    }

    /// Reads a range from a raw value.
    pub fn range_value(&mut self, field: Field, name: &str, raw: Raw<'_>) -> Option<Range> {
        let s = raw.get();
        if s.starts_with('{') {
            let [lo, hi] = object::members_any(
                raw,
                [&["lower_bound", "lo", "min"], &["upper_bound", "hi", "max"]],
            );
            let lo = match lo {
                Slot::Value(v) => self.bound(field, name, v).ok()?,
                _ => {
                    self.issue(
                        field,
                        "invalid_range",
                        name,
                        s,
                        "the range has no `lower_bound`".into(),
                    );
                    return None;
                }
            };
            let hi = match hi {
                Slot::Value(v) => Some(self.bound(field, name, v).ok()?),
                _ => None,
            };
            self.present(field);
            return Some(Range::new(lo, hi));
        }
        match object::text_ref(raw) {
            Ok(t) if values::is_blank(&t) => {
                self.set(field, FieldState::Null);
                None
            }
            Ok(t) => match values::parse_bucket(&t) {
                Ok(r) => {
                    self.present(field);
                    Some(r)
                }
                Err(m) => {
                    self.issue(field, "invalid_range", name, &t, m);
                    None
                }
            },
            _ => {
                self.issue(
                    field,
                    "invalid_range",
                    name,
                    s,
                    "expected a range object, a bucket or a number".into(),
                );
                None
            }
        }
    }

    /// The payer: a sentinel ("These ads ran without a disclaimer") is kept but marked.
    pub fn payer_text(&mut self, value: Option<String>) {
        if let Some(p) = value {
            if values::is_payer_sentinel(&p) {
                self.set(Field::Payer, FieldState::Sentinel);
            }
            self.ad.payer = Some(p);
        }
    }

    /// A list of `{"percentage": ...}` objects: present, and the sum of percentages.
    pub fn shares(
        &mut self,
        obj: &RawObject<'_>,
        field: Field,
        aliases: &[&'static str],
    ) -> Option<f32> {
        let (raw, name) = self.slot(obj, field, aliases)?;
        let items: Result<Vec<Slot<'_>>, String> = match object::item_members(raw, "percentage") {
            Some(list) => list.collect(),
            None => Err("expected an array of objects".into()),
        };
        let percentages = match items {
            Ok(v) => v,
            Err(m) => {
                self.issue(field, "wrong_type", name, raw.get(), m);
                return None;
            }
        };
        if percentages.is_empty() {
            self.set(field, FieldState::Null);
            return None;
        }
        let mut sum = 0f64;
        for percentage in percentages {
            if let Slot::Value(p) = percentage {
                match object::text_ref(p)
                    .ok()
                    .and_then(|t| t.trim().parse::<f64>().ok())
                {
                    Some(v) if v.is_finite() => sum += v,
                    _ => {
                        self.issue(
                            field,
                            "invalid_range",
                            name,
                            p.get(),
                            "a percentage must be a number".into(),
                        );
                        return None;
                    }
                }
            }
        }
        self.present(field);
        Some(sum as f32)
    }
}
