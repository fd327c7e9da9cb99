//! The score a questionnaire reports for its raw total, read from the licence holder's
//! conversion table: SWEMWBS, for one, turns totals of 7 to 35 into "metric scores" such as
//! 9.51. The raw total is still what is charted and compared: the table only relabels it, and
//! the score is shown beside it.

use crate::i18n::Locale;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A table's score in hundredths: published tables give at most two decimal places, and whole
/// hundredths keep them exact (and the types that carry them comparable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hundredths(i32);

/// The largest score a table may give, either side of zero, in hundredths.
const LIMIT: i32 = 999_999;

impl Hundredths {
    /// `None` for a number that is not finite, has more than two decimal places or is past
    /// 9999.99 either side of zero.
    pub fn from_number(number: f64) -> Option<Self> {
        let hundredths = (number * 100.0).round();
        let exact = (hundredths - number * 100.0).abs() < 1e-6;
        (number.is_finite() && exact && hundredths.abs() <= f64::from(LIMIT)).then_some(Self(hundredths as i32))
    }

    /// How many decimal places it needs: 0, 1 or 2.
    fn places(self) -> u8 {
        match self.0 {
            h if h % 100 == 0 => 0,
            h if h % 10 == 0 => 1,
            _ => 2,
        }
    }
}

impl Serialize for Hundredths {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (f64::from(self.0) / 100.0).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Hundredths {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = f64::deserialize(deserializer)?;
        Self::from_number(number).ok_or_else(|| {
            serde::de::Error::custom(format!("score {number}: at most two decimal places, from -9999.99 to 9999.99"))
        })
    }
}

/// A questionnaire's conversion table, as its file gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreTable {
    /// What the licence holder calls the score: "Metric score".
    pub name: String,
    /// The score of each total, the lowest total's first.
    pub table: Vec<Hundredths>,
}

impl ScoreTable {
    /// The score of the total `steps` above the lowest; `None` past the table's end.
    pub fn score(&self, steps: usize) -> Option<Score> {
        // Every score of a table is shown with as many places as its most precise one, so
        // that 7.00 and 9.51 sit together as the licence holder prints them.
        let places = self.table.iter().map(|h| h.places()).max().unwrap_or(0);
        Some(Score { name: self.name.clone(), value: *self.table.get(steps)?, places })
    }
}

/// A total's score, ready to show: its name, value and the table's decimal places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub name: String,
    pub value: Hundredths,
    pub places: u8,
}

impl Score {
    /// "9.51", or "9,51" in Polish.
    pub fn display(&self, locale: Locale) -> String {
        let (sign, units, fraction) =
            (if self.value.0 < 0 { "-" } else { "" }, self.value.0.abs() / 100, self.value.0.abs() % 100);
        match self.places {
            0 => format!("{sign}{units}"),
            1 => format!("{sign}{units}{}{}", locale.number_marks().1, fraction / 10),
            _ => format!("{sign}{units}{}{fraction:02}", locale.number_marks().1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(scores: &[f64]) -> ScoreTable {
        let table = scores.iter().map(|&s| Hundredths::from_number(s).unwrap()).collect();
        ScoreTable { name: "Metric score".into(), table }
    }

    #[test]
    fn a_score_is_shown_with_the_tables_decimal_places_and_the_languages_mark() {
        let metric = table(&[7.0, 9.51, 11.25]);
        let shown = |steps, locale| metric.score(steps).map(|s| s.display(locale));
        assert_eq!(shown(0, Locale::En).as_deref(), Some("7.00"));
        assert_eq!(shown(1, Locale::Pl).as_deref(), Some("9,51"));
        assert_eq!(shown(3, Locale::En), None, "past the table");
        let tenths = table(&[-0.5, 25.0]);
        assert_eq!(tenths.score(0).unwrap().display(Locale::En), "-0.5");
        assert_eq!(tenths.score(1).unwrap().display(Locale::En), "25.0");
        assert_eq!(table(&[0.0, 100.0]).score(1).unwrap().display(Locale::Cy), "100");
    }

    #[test]
    fn a_score_has_at_most_two_decimal_places_and_keeps_them_exactly() {
        assert_eq!(Hundredths::from_number(9.51), Some(Hundredths(951)));
        assert_eq!(Hundredths::from_number(0.1 + 0.2), Some(Hundredths(30)), "float error is not a place");
        assert_eq!(Hundredths::from_number(9.512), None);
        assert_eq!(Hundredths::from_number(f64::NAN), None);
        assert_eq!(Hundredths::from_number(10_000.0), None);
        let metric = table(&[7.0, 9.51]);
        let again: ScoreTable = serde_json::from_str(&serde_json::to_string(&metric).unwrap()).unwrap();
        assert_eq!(again, metric, "the same table after a trip to the browser");
        assert!(serde_json::from_str::<ScoreTable>(r#"{"name":"x","table":[1.234]}"#).is_err());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_score_with_two_places_is_read_exactly_and_shown_as_written(h in -LIMIT..=LIMIT) {
                let written = format!("{}{}.{:02}", if h < 0 { "-" } else { "" }, h.abs() / 100, h.abs() % 100);
                let read: Hundredths = serde_json::from_str(&written).unwrap();
                prop_assert_eq!(read, Hundredths(h));
                let score = Score { name: "x".into(), value: read, places: 2 };
                prop_assert_eq!(score.display(Locale::En), written.clone());
                prop_assert_eq!(score.display(Locale::Pl), written.replace('.', ","));
                let again: Hundredths = serde_json::from_str(&serde_json::to_string(&read).unwrap()).unwrap();
                prop_assert_eq!(again, read);
            }
        }
    }
}
