//! Parts of a questionnaire that its licence holder also sums on their own: DASS-21, for one,
//! reports its depression, anxiety and stress statements apart as well as together.

use serde::{Deserialize, Serialize};

/// Each is a column of the totals table, which must still read on a phone.
pub const SUBSCALES_MAX: usize = 6;

/// One part of a questionnaire, as its file gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscale {
    /// What the licence holder calls it: "Anxiety".
    pub name: String,
    /// The ids of the statements it adds up, each counted as the total counts it: reversed ones
    /// from the other end. A statement left out of the total may still be part of one.
    pub statements: Vec<String>,
}
