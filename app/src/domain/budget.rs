//! The personal health budget (PRSB section 8): what it is for, what it costs, how the money
//! is held, and whether the commissioner has signed it off.

use super::text::{bounded, Problems};
use crate::error::FieldError;
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

pub const TEXT_MAX: usize = 2000;
pub const ITEM_MAX: usize = 200;
pub const ITEMS_MAX: usize = 50;
/// Above this a figure is a typing slip, not a budget: £1,000,000.
pub const MONEY_MAX_PENCE: i64 = 100_000_000;

/// An amount of money in pence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Money(i64);

impl Money {
    /// Reads "1250", "£1,250.50" or "12.5"; refuses negatives, more than two decimals and
    /// anything over [`MONEY_MAX_PENCE`].
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let bad = || FieldError::new(field, "error.money_invalid");
        let text: String = raw.trim().trim_start_matches('£').chars().filter(|c| *c != ',' && *c != ' ').collect();
        if text.is_empty() {
            return Err(FieldError::new(field, "error.required"));
        }
        let (pounds, pence) = text.split_once('.').unwrap_or((&text, ""));
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if !digits(pounds) || (!pence.is_empty() && !digits(pence)) || pence.len() > 2 || pounds.len() > 9 {
            return Err(bad());
        }
        let pence = match pence.len() {
            0 => 0,
            1 => pence.parse::<i64>().map_err(|_| bad())? * 10,
            _ => pence.parse::<i64>().map_err(|_| bad())?,
        };
        let total = pounds.parse::<i64>().map_err(|_| bad())? * 100 + pence;
        if total > MONEY_MAX_PENCE {
            return Err(FieldError::new(field, "error.money_too_large"));
        }
        Ok(Self(total))
    }

    pub fn pence(self) -> i64 {
        self.0
    }

    /// "£1,250.50", or "£1,250" for whole pounds; in Polish "1 250,50 £".
    pub fn display(self, locale: Locale) -> String {
        let (group, decimal) = locale.number_marks();
        let pounds = (self.0 / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in pounds.chars().enumerate() {
            if i > 0 && (pounds.len() - i).is_multiple_of(3) {
                grouped.push_str(group);
            }
            grouped.push(c);
        }
        let amount = match self.0 % 100 {
            0 => grouped,
            p => format!("{grouped}{decimal}{p:02}"),
        };
        match locale {
            Locale::Pl => format!("{amount}\u{a0}£"),
            _ => format!("£{amount}"),
        }
    }

    /// For a form field's value: "1250.50".
    pub fn plain(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    #[default]
    OneOff,
    Weekly,
    Monthly,
    Yearly,
}

impl Frequency {
    pub const ALL: [Frequency; 4] = [Self::OneOff, Self::Weekly, Self::Monthly, Self::Yearly];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::OneOff => "one_off",
            Self::Weekly => "weekly",
            Self::Monthly => "monthly",
            Self::Yearly => "yearly",
        }
    }

    pub fn parse(field: &str, s: &str) -> Result<Self, FieldError> {
        Self::ALL.into_iter().find(|f| f.as_str() == s).ok_or_else(|| FieldError::new(field, "error.choose_one"))
    }

    /// How many times a year it is paid; a one-off counts once in the year.
    fn per_year(self) -> i64 {
        match self {
            Self::OneOff | Self::Yearly => 1,
            Self::Weekly => 52,
            Self::Monthly => 12,
        }
    }
}

/// How the money is held (NHS personal health budget options).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HowHeld {
    DirectPayment,
    Notional,
    ThirdParty,
    Mixed,
}

impl HowHeld {
    pub const ALL: [HowHeld; 4] = [Self::DirectPayment, Self::Notional, Self::ThirdParty, Self::Mixed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::DirectPayment => "direct_payment",
            Self::Notional => "notional",
            Self::ThirdParty => "third_party",
            Self::Mixed => "mixed",
        }
    }

    /// Empty means not decided yet.
    pub fn parse(field: &str, s: &str) -> Result<Option<Self>, FieldError> {
        if s.is_empty() {
            return Ok(None);
        }
        Self::ALL
            .into_iter()
            .find(|h| h.as_str() == s)
            .map(Some)
            .ok_or_else(|| FieldError::new(field, "error.choose_one"))
    }
}

/// Something the budget pays for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetItem {
    pub id: i64,
    pub what: String,
    pub cost: Money,
    pub every: Frequency,
}

impl BudgetItem {
    pub fn parse(what: &str, cost: &str, every: &str) -> Result<(String, Money, Frequency), Vec<FieldError>> {
        let mut problems = Problems::default();
        let what = problems.check(bounded("what", what, 1, ITEM_MAX));
        let cost = problems.check(Money::parse("cost", cost));
        let every = problems.check(Frequency::parse("every", every));
        problems.into_result(|| (what.unwrap_or_default(), cost.unwrap_or_default(), every.unwrap_or_default()))
    }

    pub fn yearly(&self) -> Money {
        Money(self.cost.0 * self.every.per_year())
    }
}

/// The commissioner's sign-off, as recorded by the key worker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignOff {
    #[default]
    NotSignedOff,
    SignedOff {
        by: String,
        at: i64,
    },
}

/// The words and settings of a budget, apart from its items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetTerms {
    /// The eligible needs the budget meets.
    pub needs: String,
    /// The indicative allocation for a year.
    pub allocation: Option<Money>,
    pub held: Option<HowHeld>,
    pub managed_by: String,
    /// How and when the budget will be reviewed.
    pub review: String,
}

impl BudgetTerms {
    pub fn parse(
        needs: &str,
        allocation: &str,
        held: &str,
        managed_by: &str,
        review: &str,
    ) -> Result<Self, Vec<FieldError>> {
        let mut problems = Problems::default();
        let needs = problems.check(bounded("needs", needs, 0, TEXT_MAX));
        let allocation = if allocation.trim().is_empty() {
            Some(None)
        } else {
            problems.check(Money::parse("allocation", allocation).map(Some))
        };
        let held = problems.check(HowHeld::parse("held", held));
        let managed_by = problems.check(bounded("managed_by", managed_by, 0, TEXT_MAX));
        let review = problems.check(bounded("review", review, 0, TEXT_MAX));
        problems.into_result(|| Self {
            needs: needs.unwrap_or_default(),
            allocation: allocation.flatten(),
            held: held.flatten(),
            managed_by: managed_by.unwrap_or_default(),
            review: review.unwrap_or_default(),
        })
    }
}

/// The whole budget section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    pub terms: BudgetTerms,
    pub items: Vec<BudgetItem>,
    pub sign_off: SignOff,
}

impl Budget {
    pub fn yearly_total(&self) -> Money {
        Money(self.items.iter().map(|i| i.yearly().0).sum())
    }

    /// How much the items come to over the allocation in a year, if they do.
    pub fn over_allocation(&self) -> Option<Money> {
        let allocation = self.terms.allocation?;
        let over = self.yearly_total().0 - allocation.0;
        (over > 0).then_some(Money(over))
    }

    /// Adds an item with the next free id; any change undoes the sign-off.
    pub fn add_item(&mut self, (what, cost, every): (String, Money, Frequency)) {
        let id = self.items.iter().map(|i| i.id).max().unwrap_or(0) + 1;
        self.items.push(BudgetItem { id, what, cost, every });
        self.sign_off = SignOff::NotSignedOff;
    }

    /// Removes item `id`; false if there is none.
    pub fn remove_item(&mut self, id: i64) -> bool {
        let before = self.items.len();
        self.items.retain(|i| i.id != id);
        let removed = self.items.len() != before;
        if removed {
            self.sign_off = SignOff::NotSignedOff;
        }
        removed
    }

    pub fn set_terms(&mut self, terms: BudgetTerms) {
        if terms != self.terms {
            self.terms = terms;
            self.sign_off = SignOff::NotSignedOff;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pence(raw: &str) -> i64 {
        Money::parse("cost", raw).unwrap().pence()
    }

    #[test]
    fn money_is_read_as_people_write_it() {
        assert_eq!(pence("12"), 1200);
        assert_eq!(pence("£1,250.50"), 125_050);
        assert_eq!(pence("12.5"), 1250);
        assert_eq!(pence(" 0.99 "), 99);
        assert_eq!(Money(125_050).display(Locale::En), "£1,250.50");
        assert_eq!(Money(100_000_000).display(Locale::Cy), "£1,000,000");
        assert_eq!(Money(125_050).display(Locale::Pl), "1\u{a0}250,50\u{a0}£");
        assert_eq!(Money(1250).plain(), "12.50");
    }

    #[test]
    fn negative_absurd_and_malformed_amounts_are_refused() {
        for raw in ["-5", "12.345", "1.2.3", "ten pounds", "1e5", "."] {
            assert_eq!(Money::parse("cost", raw).unwrap_err().key, "error.money_invalid", "{raw}");
        }
        assert_eq!(Money::parse("cost", "1000000.01").unwrap_err().key, "error.money_too_large");
        assert_eq!(Money::parse("cost", "99999999999").unwrap_err().key, "error.money_invalid");
        assert_eq!(Money::parse("cost", "").unwrap_err().key, "error.required");
    }

    #[test]
    fn the_yearly_total_counts_each_frequency_and_warns_over_the_allocation() {
        let mut budget = Budget::default();
        budget.add_item(("Gym".into(), Money(2500), Frequency::Monthly));
        budget.add_item(("Art class".into(), Money(1000), Frequency::Weekly));
        budget.add_item(("Bike".into(), Money(30000), Frequency::OneOff));
        budget.add_item(("Insurance".into(), Money(5000), Frequency::Yearly));
        assert_eq!(budget.yearly_total(), Money(30000 + 52000 + 30000 + 5000));
        assert_eq!(budget.over_allocation(), None, "no allocation, nothing to be over");
        budget.terms.allocation = Some(Money(100_000));
        assert_eq!(budget.over_allocation(), Some(Money(17_000)));
        budget.terms.allocation = Some(Money(117_000));
        assert_eq!(budget.over_allocation(), None, "exactly the allocation is not over");
    }

    #[test]
    fn any_change_undoes_the_sign_off_and_ids_are_not_reused() {
        let mut budget = Budget::default();
        budget.add_item(("Gym".into(), Money(2500), Frequency::Monthly));
        budget.add_item(("Bike".into(), Money(100), Frequency::OneOff));
        budget.sign_off = SignOff::SignedOff { by: "Kim".into(), at: 1 };
        assert!(!budget.remove_item(99));
        assert_ne!(budget.sign_off, SignOff::NotSignedOff);
        assert!(budget.remove_item(1));
        assert_eq!(budget.sign_off, SignOff::NotSignedOff);
        budget.add_item(("Class".into(), Money(100), Frequency::OneOff));
        assert_eq!(budget.items.iter().map(|i| i.id).collect::<Vec<_>>(), [2, 3]);
    }

    #[test]
    fn terms_report_every_problem() {
        let errors = BudgetTerms::parse("", "-1", "cash", "", "").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["allocation", "held"]);
        assert_eq!(BudgetTerms::parse("", "", "", "", "").unwrap(), BudgetTerms::default());
    }
}
