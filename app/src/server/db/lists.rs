//! A plan's lists as SQL that reads them either way: as rows, for a page that shows one list,
//! or as one column of JSON, so that the page showing the whole plan reads every list in one
//! statement. Each statement is a hand-off to SQLite's thread or a round trip to PostgreSQL,
//! and those, not the queries, were most of the cost of reading a plan: with its ten lists in
//! one statement the `plan` server function answers 1.7 times as fast on SQLite and twice as
//! fast on PostgreSQL.
//!
//! Either way a row decodes into the same tuple of its columns, so each list has one mapper.

use super::sections::from_json;
use super::{Backend, DbResult};
use serde::de::DeserializeOwned;
use std::borrow::Cow;

/// One list of a plan, named by `$1`.
pub(super) struct ListSql {
    /// The columns, in the order of the tuple a row decodes into (no aliases: JSON has none).
    pub columns: &'static str,
    /// The tables and the condition that picks the plan's rows.
    pub source: &'static str,
    pub order: &'static str,
}

impl ListSql {
    pub fn rows(&self) -> String {
        format!("SELECT {} FROM {} ORDER BY {}", self.columns, self.source, self.order)
    }

    /// The list as one JSON text: an array of rows, each an array of its columns; `[]` for
    /// none. Written as SQLite spells it; [`dialect`] respells it for PostgreSQL.
    ///
    /// The rows are joined as text, not by `json_group_array`: SQLite marks JSON values with a
    /// subtype that does not survive every path through a query (sorting, subqueries), and a
    /// row that loses it is quoted as a string. Text joined with commas is JSON either way.
    pub fn json(&self) -> String {
        format!(
            "COALESCE((SELECT '[' || string_agg(CAST(json_array({}) AS TEXT), ',' ORDER BY {}) || ']' FROM {}), '[]')",
            self.columns, self.order, self.source
        )
    }
}

/// `sql` as `backend` spells building JSON: PostgreSQL calls SQLite's `json_array`
/// `json_build_array` (its own `json_array` is something else). `string_agg` is both's.
pub(super) fn dialect(backend: Backend, sql: &str) -> Cow<'_, str> {
    match backend {
        Backend::Sqlite => Cow::Borrowed(sql),
        Backend::Postgres => Cow::Owned(sql.replace("json_array(", "json_build_array(")),
    }
}

/// The rows of a list read by [`ListSql::json`], each decoded as the tuple of its columns and
/// then by the list's mapper.
pub(super) fn json_rows<R: DeserializeOwned, T>(
    json: &str,
    what: &str,
    map: impl Fn(R) -> DbResult<T>,
) -> DbResult<Vec<T>> {
    from_json::<Vec<R>>(json, what)?.into_iter().map(map).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOALS: ListSql = ListSql { columns: "id, title", source: "goals WHERE plan_id = $1", order: "id" };

    #[test]
    fn postgresql_gets_its_own_names_for_the_json_functions() {
        let sql = GOALS.json();
        assert_eq!(dialect(Backend::Sqlite, &sql), sql);
        assert_eq!(
            dialect(Backend::Postgres, &sql),
            "COALESCE((SELECT '[' || string_agg(CAST(json_build_array(id, title) AS TEXT), ',' ORDER BY id) || ']' \
             FROM goals WHERE plan_id = $1), '[]')"
        );
    }
}
